using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class SpatialDropout2DTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "spatial_dropout2d", Convention.Keras, null);

    [Fact]
    public void Build_KeepsTheInputWithoutWeights()
    {
        var layer = new SpatialDropout2D(0.3, DataFormat.ChannelsFirst);

        (layer.Rate, layer.DataFormat).Should().Be((0.3, DataFormat.ChannelsFirst));
        layer.Build(Context(null, 5, 6, 7)).Outputs.Single().Should().Be(new OutputShape(null, 5, 6, 7));
        FluentActions.Invoking(() => new SpatialDropout2D(-0.1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("rate");
        FluentActions.Invoking(() => new SpatialDropout2D(0.1, (DataFormat)3)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("dataFormat");
    }
}
