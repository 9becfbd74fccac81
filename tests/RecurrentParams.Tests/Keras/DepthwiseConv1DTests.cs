using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class DepthwiseConv1DTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "depthwise_conv1d", Convention.Keras, null);

    [Fact]
    public void Build_MatchesKeras3()
    {
        // Keras 3.16 (keras3-layer-families depthwiseconv1d-dm2-same-nobias): kernel (5, 4, 2) = 40, 4·2 = 8 channels out.
        var layer = new DepthwiseConv1D(5, 2, Padding.Same, 2, useBias: false);

        (layer.KernelSize, layer.Strides, layer.DepthMultiplier, layer.DilationRate, layer.UseBias, layer.Padding, layer.DataFormat)
            .Should().Be((5, 2, 2, 1, false, Padding.Same, DataFormat.ChannelsLast));
        LayerResult result = layer.Build(Context(null, 20, 4));
        result.Outputs.Single().Should().Be(new OutputShape(null, 10, 8));
        result.Weights.Sum(w => w.Count).Should().Be(40);
        FluentActions.Invoking(() => new DepthwiseConv1D(3, depthMultiplier: 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("depthMultiplier");
    }
}
