using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class MultiHeadAttentionTests
{
    private static LayerContext Inputs(params OutputShape[] inputs) => new(inputs, "multi_head_attention", Convention.Keras, null);

    [Fact]
    public void Constructor_KeepsTheConfiguration()
    {
        var layer = new MultiHeadAttention(3, 5, 6, false, [3, 5]);

        (layer.NumHeads, layer.KeyDim, layer.ValueDim, layer.UseBias).Should().Be((3, 5, 6, false));
        layer.OutputShape.Should().Equal(3, 5);
        new MultiHeadAttention(2, 4).ValueDim.Should().Be(4);
        new MultiHeadAttention(2, 4).OutputShape.Should().BeNull();
    }

    [Fact]
    public void Build_OneInput_AttendsToItself()
    {
        // Keras 3.16 (keras3-layer-families mha-h2-k4-self): 288 params on (None, 10, 8) → (None, 10, 8).
        LayerResult result = new MultiHeadAttention(2, 4).Build(Inputs(new OutputShape(null, 10, 8)));

        result.Outputs.Single().Should().Be(new OutputShape(null, 10, 8));
        result.Weights.Sum(w => w.Count).Should().Be(288);
        result.Derivation!.Total.Should().Be(288);
    }

    [Fact]
    public void Constructor_And_Build_BadArguments_Throw()
    {
        FluentActions.Invoking(() => new MultiHeadAttention(0, 4)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("numHeads");
        FluentActions.Invoking(() => new MultiHeadAttention(2, 4, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("valueDim");
        FluentActions.Invoking(() => new MultiHeadAttention(2, 4, outputShape: [])).Should().Throw<ArgumentException>().WithParameterName("outputShape");
        FluentActions.Invoking(() => new MultiHeadAttention(2, 4, outputShape: [0])).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("outputShape");
        FluentActions.Invoking(() => new MultiHeadAttention(2, 4).Build(Inputs(new OutputShape(null, 8)))).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'multi_head_attention' needs a query of rank 3 or more, (batch, steps, features), but receives (None, 8).");
    }
}
