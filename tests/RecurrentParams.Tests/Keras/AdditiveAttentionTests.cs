using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class AdditiveAttentionTests
{
    private static LayerContext Inputs(params OutputShape[] inputs) => new(inputs, "additive_attention", Convention.Keras, null);

    [Fact]
    public void Build_LearnsAScalePerQueryFeature()
    {
        // Keras 3.16 (keras3-layer-families additiveattention-key): scale (4,), the query's last dimension.
        new AdditiveAttention().UseScale.Should().BeTrue();
        LayerResult result = new AdditiveAttention().Build(Inputs(new OutputShape(null, 7, 4), new OutputShape(null, 9, 6), new OutputShape(null, 9, 4)));
        result.Outputs.Single().Should().Be(new OutputShape(null, 7, 6));
        result.Weights.Single().Shape.Dimensions.Should().Equal(4);
        new AdditiveAttention(useScale: false).Build(Inputs(new OutputShape(null, 7, 4), new OutputShape(null, 9, 4))).Weights.Should().BeEmpty();
        FluentActions.Invoking(() => new AdditiveAttention().Build(Inputs(new OutputShape(null, 7, null), new OutputShape(null, 9, 4)))).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'additive_attention' needs the last dimension of its query to be known but receives (None, 7, None), (None, 9, 4).");
    }
}
