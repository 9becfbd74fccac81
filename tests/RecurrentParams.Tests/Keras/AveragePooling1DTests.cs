using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class AveragePooling1DTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "average_pooling1d", Convention.Keras, null);

    [Fact]
    public void Build_PoolsTime()
    {
        var layer = new AveragePooling1D(3, 1, Padding.Same, DataFormat.ChannelsFirst);

        (layer.PoolSize, layer.Strides, layer.Padding, layer.DataFormat).Should().Be((3, 1, Padding.Same, DataFormat.ChannelsFirst));
        layer.Build(Context(null, 3, 11)).Outputs.Single().Should().Be(new OutputShape(null, 3, 11));
        new AveragePooling1D().Strides.Should().Be(2);
        FluentActions.Invoking(() => new AveragePooling1D(2, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("strides");
    }
}
