using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class AddTests
{
    private static LayerContext Inputs(params OutputShape[] inputs) => new(inputs, "add", Convention.Keras, null);

    [Fact]
    public void Build_BroadcastsAsKeras()
    {
        // Keras' _compute_elemwise_op_output_shape: aligned on the last axis, 1 takes the other, unknown stays unknown.
        new Add().Build(Inputs(new OutputShape(null, 7, 5), new OutputShape(null, 1, 5), new OutputShape(null, 5))).Outputs.Single().Should().Be(new OutputShape(null, 7, 5));
        new Add().Build(Inputs(new OutputShape(null, null, 5), new OutputShape(null, 7, 5))).Outputs.Single().Should().Be(new OutputShape(null, null, 5));
        new Add().Build(Inputs(new OutputShape(2, 5), new OutputShape(null, 5))).Outputs.Single().Should().Be(new OutputShape(2, 5));
        FluentActions.Invoking(() => new Add().Build(Inputs(new OutputShape(null, 4), new OutputShape(null, 5)))).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'add' cannot broadcast its inputs (None, 4) and (None, 5) against each other.");
    }
}
