using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class ZeroPadding2DTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "zero_padding2d", Convention.Keras, null);

    [Fact]
    public void Build_PadsRowsAndColumns()
    {
        var layer = new ZeroPadding2D(1, 2, 3, 4);

        (layer.Top, layer.Bottom, layer.Left, layer.Right, layer.DataFormat).Should().Be((1, 2, 3, 4, DataFormat.ChannelsLast));
        layer.Build(Context(null, 10, 12, 3)).Outputs.Single().Should().Be(new OutputShape(null, 13, 19, 3));
        FluentActions.Invoking(() => new ZeroPadding2D(top: -1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("top");
    }
}
