using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class AttentionTests
{
    private static LayerContext Inputs(params OutputShape[] inputs) => new(inputs, "attention", Convention.Keras, null);

    [Fact]
    public void Build_LearnsTheScalarsItIsAskedFor()
    {
        // Keras 3.16 (keras3-layer-families attention-scale-concat-key): [query (7, 5), value (9, 6), key (9, 5)] → (None, 7, 6),
        // scale and concat_score_weight, both scalars.
        var layer = new Attention(useScale: true, scoreMode: AttentionScoreMode.Concat);

        (layer.UseScale, layer.ScoreMode).Should().Be((true, AttentionScoreMode.Concat));
        LayerResult result = layer.Build(Inputs(new OutputShape(null, 7, 5), new OutputShape(null, 9, 6), new OutputShape(null, 9, 5)));
        result.Outputs.Single().Should().Be(new OutputShape(null, 7, 6));
        result.Weights.Select(w => w.Name + " " + w.Shape).Should().Equal("scale ()", "concat_score_weight ()");
        new Attention().Build(Inputs(new OutputShape(null, 7, 5), new OutputShape(null, 9, 5))).Weights.Should().BeEmpty();
    }

    [Fact]
    public void Build_BadInputs_Throw()
    {
        FluentActions.Invoking(() => new Attention(scoreMode: (AttentionScoreMode)4)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("scoreMode");
        FluentActions.Invoking(() => new Attention().Build(Inputs(new OutputShape(null, 7, 5)))).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'attention' takes [query, value] or [query, value, key] but receives 1 tensor(s): (None, 7, 5).");
        FluentActions.Invoking(() => new Attention().Build(Inputs(new OutputShape(new long?[] { null }), new OutputShape(null, 9, 5)))).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'attention' needs a query and a value of rank 2 or more but receives (None,) and (None, 9, 5).");
    }
}
