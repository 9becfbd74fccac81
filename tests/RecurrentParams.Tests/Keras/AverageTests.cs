using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class AverageTests
{
    private static LayerContext Inputs(params OutputShape[] inputs) => new(inputs, "average", Convention.Keras, null);

    [Fact]
    public void Build_BroadcastsAsKeras()
    {
        // Keras' _compute_elemwise_op_output_shape: aligned on the last axis, 1 takes the other, unknown stays unknown.
        new Average().Build(Inputs(new OutputShape(null, 7, 5), new OutputShape(null, 1, 5), new OutputShape(null, 5))).Outputs.Single().Should().Be(new OutputShape(null, 7, 5));
        new Average().Build(Inputs(new OutputShape(null, null, 5), new OutputShape(null, 7, 5))).Outputs.Single().Should().Be(new OutputShape(null, null, 5));
        new Average().Build(Inputs(new OutputShape(2, 5), new OutputShape(null, 5))).Outputs.Single().Should().Be(new OutputShape(2, 5));
        FluentActions.Invoking(() => new Average().Build(Inputs(new OutputShape(null, 4), new OutputShape(null, 5)))).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'average' cannot broadcast its inputs (None, 4) and (None, 5) against each other.");
    }
}
