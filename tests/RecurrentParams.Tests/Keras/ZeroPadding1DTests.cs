using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class ZeroPadding1DTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "zero_padding1d", Convention.Keras, null);

    [Fact]
    public void Build_PadsBothEnds()
    {
        var layer = new ZeroPadding1D(1, 3, DataFormat.ChannelsFirst);

        (layer.Start, layer.End, layer.DataFormat).Should().Be((1, 3, DataFormat.ChannelsFirst));
        layer.Build(Context(null, 3, 10)).Outputs.Single().Should().Be(new OutputShape(null, 3, 14));
        new ZeroPadding1D().Build(Context(null, null, 3)).Outputs.Single().Should().Be(new OutputShape(null, null, 3));
        FluentActions.Invoking(() => new ZeroPadding1D(end: -1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("end");
    }
}
