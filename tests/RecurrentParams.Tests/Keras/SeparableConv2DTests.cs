using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class SeparableConv2DTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "separable_conv2d", Convention.Keras, null);

    [Fact]
    public void Build_MatchesKeras3()
    {
        // Keras 3.16 (keras3-layer-families separableconv2d-k3): (None, 16, 16, 3) → (None, 14, 14, 8), 27 + 24 + 8 = 59.
        var layer = new SeparableConv2D(8, [3], useBias: true);

        layer.KernelSize.Should().Equal(3, 3);
        layer.Strides.Should().Equal(1, 1);
        layer.DilationRate.Should().Equal(1, 1);
        (layer.Filters, layer.DepthMultiplier, layer.UseBias, layer.Padding, layer.DataFormat).Should().Be((8, 1, true, Padding.Valid, DataFormat.ChannelsLast));
        LayerResult result = layer.Build(Context(null, 16, 16, 3));
        result.Outputs.Single().Should().Be(new OutputShape(null, 14, 14, 8));
        result.Weights.Sum(w => w.Count).Should().Be(59);
    }
}
