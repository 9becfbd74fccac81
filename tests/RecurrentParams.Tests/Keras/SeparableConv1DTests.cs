using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class SeparableConv1DTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "separable_conv1d", Convention.Keras, null);

    [Fact]
    public void Build_MatchesKeras3()
    {
        // Keras 3.16 (keras3-layer-families separableconv1d-dm2-s2-same): depthwise (3, 4, 2), pointwise (1, 8, 8), bias (8,): 96.
        var layer = new SeparableConv1D(8, 3, 2, Padding.Same, depthMultiplier: 2);

        (layer.Filters, layer.KernelSize, layer.Strides, layer.DilationRate, layer.DepthMultiplier, layer.UseBias, layer.Padding, layer.DataFormat)
            .Should().Be((8, 3, 2, 1, 2, true, Padding.Same, DataFormat.ChannelsLast));
        LayerResult result = layer.Build(Context(null, 21, 4));
        result.Outputs.Single().Should().Be(new OutputShape(null, 11, 8));
        result.Weights.Select(w => w.Name + " " + w.Shape).Should().Equal("depthwise_kernel (3, 4, 2)", "pointwise_kernel (1, 8, 8)", "bias (8,)");
        result.MacsPerStep.Should().Be(24 + 64);
        FluentActions.Invoking(() => new SeparableConv1D(8, 3, depthMultiplier: 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("depthMultiplier");
    }
}
