using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class ConcatenateTests
{
    private static LayerContext Inputs(params OutputShape[] inputs) => new(inputs, "concatenate", Convention.Keras, null);

    [Fact]
    public void Build_SumsTheAxisOfTheFirstInputsShape()
    {
        // Keras 3 Concatenate.compute_output_shape: the first input's shape, the axis summed; unknown when one is.
        new Concatenate().Axis.Should().Be(-1);
        new Concatenate(1).Build(Inputs(new OutputShape(null, 3, 5), new OutputShape(null, 4, 5))).Outputs.Single().Should().Be(new OutputShape(null, 7, 5));
        new Concatenate().Build(Inputs(new OutputShape(null, null, 5), new OutputShape(null, 7, 3))).Outputs.Single().Should().Be(new OutputShape(null, null, 8));
        new Concatenate(1).Build(Inputs(new OutputShape(null, null, 5), new OutputShape(null, 7, 5), new OutputShape(null, 2, 5))).Outputs.Single().Should().Be(new OutputShape(null, null, 5));
    }

    [Fact]
    public void Build_BadAxisOrRanks_Throw()
    {
        FluentActions.Invoking(() => new Concatenate(0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("axis");
        FluentActions.Invoking(() => new Concatenate(3).Build(Inputs(new OutputShape(null, 3), new OutputShape(null, 4)))).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'concatenate' has axis 3, which is not an axis of its input (None, 3) other than the batch axis.");
        FluentActions.Invoking(() => new Concatenate().Build(Inputs(new OutputShape(null, 3), new OutputShape(null, 4, 2)))).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'concatenate' concatenates tensors of different ranks: (None, 3), (None, 4, 2).");
    }
}
