using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class DepthwiseConv2DTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "depthwise_conv2d", Convention.Keras, null);

    [Fact]
    public void Build_MatchesKeras3()
    {
        // Keras 3.16 (keras3-layer-families depthwiseconv2d-dm2-dil2): kernel (3, 2, 3, 2) = 36, bias (6,): 42.
        var layer = new DepthwiseConv2D([3, 2], depthMultiplier: 2, dilationRate: [2]);

        layer.KernelSize.Should().Equal(3, 2);
        layer.Strides.Should().Equal(1, 1);
        layer.DilationRate.Should().Equal(2, 2);
        (layer.DepthMultiplier, layer.UseBias, layer.Padding, layer.DataFormat).Should().Be((2, true, Padding.Valid, DataFormat.ChannelsLast));
        LayerResult result = layer.Build(Context(null, 16, 16, 3));
        result.Outputs.Single().Should().Be(new OutputShape(null, 12, 14, 6));
        result.Weights.Sum(w => w.Count).Should().Be(42);
    }
}
