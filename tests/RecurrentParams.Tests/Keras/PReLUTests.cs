using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class PReLUTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "p_re_lu", Convention.Keras, null);

    [Fact]
    public void Build_LearnsASlopePerUnsharedElement()
    {
        // Keras 3.16 (keras3-layer-families prelu-shared12-4d): alpha (1, 1, 3) on (None, 6, 7, 3); prelu-default alpha (7, 5).
        new PReLU([1, 2]).Build(Context(null, 6, 7, 3)).Weights.Single().Shape.Dimensions.Should().Equal(1, 1, 3);
        new PReLU().Build(Context(null, 7, 5)).Weights.Single().Shape.Dimensions.Should().Equal(7, 5);
        new PReLU([1]).SharedAxes.Should().Equal(1);
        new PReLU().SharedAxes.Should().BeEmpty();
    }

    [Fact]
    public void Build_BadAxesOrShapes_Throw()
    {
        FluentActions.Invoking(() => new PReLU([0])).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("sharedAxes");
        FluentActions.Invoking(() => new PReLU().Build(Context(null, null, 5))).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'p_re_lu' needs every axis it does not share to be known but its input is (None, None, 5)*");
        FluentActions.Invoking(() => new PReLU([3]).Build(Context(null, 7, 5))).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'p_re_lu' has a shared axis 3, which is not an axis of its input (None, 7, 5) other than the batch axis.");
        FluentActions.Invoking(() => new PReLU().Build(Context(new long?[] { null }))).Should().Throw<InvalidOperationException>();
    }
}
