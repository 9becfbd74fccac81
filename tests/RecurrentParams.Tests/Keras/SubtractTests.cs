using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class SubtractTests
{
    private static LayerContext Inputs(params OutputShape[] inputs) => new(inputs, "subtract", Convention.Keras, null);

    [Fact]
    public void Build_TakesExactlyTwoTensors()
    {
        new Subtract().Build(Inputs(new OutputShape(null, 5), new OutputShape(null, 5))).Outputs.Single().Should().Be(new OutputShape(null, 5));
        FluentActions.Invoking(() => new Subtract().Build(Inputs(new OutputShape(null, 5)))).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'subtract' takes exactly 2 tensors but receives 1 tensor(s): (None, 5).");
    }
}
