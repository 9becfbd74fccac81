using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class DotTests
{
    private static LayerContext Inputs(params OutputShape[] inputs) => new(inputs, "dot", Convention.Keras, null);

    [Fact]
    public void Build_ContractsTheGivenAxes()
    {
        var layer = new Dot([2, 1], normalize: true);

        layer.Axes.Should().Equal(2, 1);
        layer.Normalize.Should().BeTrue();
        layer.Build(Inputs(new OutputShape(null, 7, 5), new OutputShape(null, 5, 3))).Outputs.Single().Should().Be(new OutputShape(null, 7, 3));
        new Dot([1]).Build(Inputs(new OutputShape(null, 5), new OutputShape(null, 5))).Outputs.Single().Should().Be(new OutputShape(null, 1));
        new Dot([-1]).Build(Inputs(new OutputShape(null, 4, 6), new OutputShape(null, 3, 6))).Outputs.Single().Should().Be(new OutputShape(null, 4, 3));
    }

    [Fact]
    public void Build_BadAxes_Throw()
    {
        FluentActions.Invoking(() => new Dot([0])).Should().Throw<ArgumentException>().WithParameterName("axes");
        FluentActions.Invoking(() => new Dot([1, 2, 3])).Should().Throw<ArgumentException>().WithParameterName("axes");
        FluentActions.Invoking(() => new Dot([2, 2]).Build(Inputs(new OutputShape(null, 7, 5), new OutputShape(null, 9, 4)))).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'dot' contracts axis 2 of (None, 7, 5) with axis 2 of (None, 9, 4), but their lengths differ.");
        FluentActions.Invoking(() => new Dot([3]).Build(Inputs(new OutputShape(null, 7, 5), new OutputShape(null, 9, 5)))).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'dot' contracts axis 3, which is not an axis of a tensor of rank 3 other than the batch axis.");
    }
}
