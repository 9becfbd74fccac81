using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class Conv3DTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "conv3d", Convention.Keras, null);

    [Fact]
    public void Build_MatchesKeras3()
    {
        // Keras 3.16 (keras3-layer-families conv3d-k2x3x1-s2-same): (None, 9, 10, 11, 2) → (None, 5, 5, 6, 4), 52 params.
        var layer = new Conv3D(4, [2, 3, 1], [2], Padding.Same);

        layer.KernelSize.Should().Equal(2, 3, 1);
        layer.Strides.Should().Equal(2, 2, 2);
        (layer.Filters, layer.Groups, layer.UseBias, layer.Padding, layer.DataFormat).Should().Be((4, 1, true, Padding.Same, DataFormat.ChannelsLast));
        layer.DilationRate.Should().Equal(1, 1, 1);
        LayerResult result = layer.Build(Context(null, 9, 10, 11, 2));
        result.Outputs.Single().Should().Be(new OutputShape(null, 5, 5, 6, 4));
        result.Weights.Sum(w => w.Count).Should().Be(52);
    }
}
