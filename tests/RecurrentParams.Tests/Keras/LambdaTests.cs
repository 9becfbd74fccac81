using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class LambdaTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "lambda", Convention.Keras, null);

    [Fact]
    public void Build_DeclaredShape_IsTheOutput()
    {
        var layer = new Lambda([7, null]);

        layer.OutputShape.Should().Equal(7, null);
        layer.Build(Context(2, 3, 5)).Outputs.Single().Should().Be(new OutputShape(2, 7, null));
        layer.Build(Context(2, 3, 5)).Weights.Should().BeEmpty();
    }

    [Fact]
    public void Build_UndeclaredShape_IsUnknown()
    {
        new Lambda().OutputShape.Should().BeNull();
        new Lambda().Build(Context(null, 3, 5)).Outputs.Single().IsKnown.Should().BeFalse();
        new Lambda([4]).Build(new LayerContext(OutputShape.Unknown, "lambda", Convention.Keras, null)).Outputs.Single().Should().Be(new OutputShape(null, 4));
        FluentActions.Invoking(() => new Lambda([-1])).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("outputShape");
    }
}
