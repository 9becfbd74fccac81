using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class ConvLstm3DTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "conv_lstm3d", Convention.Keras, null);

    [Fact]
    public void Build_MatchesKeras3()
    {
        // Keras 3.16 (keras3-layer-families convlstm3d-f2-k3): (None, 3, 6, 7, 8, 2) → (None, 4, 5, 6, 2), 872 params.
        var layer = new ConvLstm3D(2, [3]);

        layer.KernelSize.Should().Equal(3, 3, 3);
        layer.Strides.Should().Equal(1, 1, 1);
        layer.DilationRate.Should().Equal(1, 1, 1);
        (layer.Filters, layer.ReturnSequences, layer.ReturnState, layer.UseBias, layer.Padding, layer.DataFormat).Should().Be((2, false, false, true, Padding.Valid, DataFormat.ChannelsLast));
        LayerResult result = layer.Build(Context(null, 3, 6, 7, 8, 2));
        result.Outputs.Single().Should().Be(new OutputShape(null, 4, 5, 6, 2));
        result.Weights.Sum(w => w.Count).Should().Be(872);
    }
}
