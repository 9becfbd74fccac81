using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class ReshapeTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "reshape", Convention.Keras, null);

    [Fact]
    public void Constructor_KeepsTheTargetShape()
    {
        var layer = new Reshape([-1, 4], "r");

        layer.TargetShape.Should().Equal(-1, 4);
        layer.ClassName.Should().Be("Reshape");
        layer.Name.Should().Be("r");
    }

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 0, 4 })]
    [InlineData(new[] { -2, 4 })]
    [InlineData(new[] { -1, -1 })]
    public void Constructor_InvalidTarget_ThrowsNamingTheRule(int[] target)
    {
        FluentActions.Invoking(() => new Reshape(target)).Should().Throw<ArgumentException>().WithParameterName("targetShape")
            .WithMessage("'targetShape' must hold at least one dimension, each at least 1 except at most one -1 (inferred).*");
        FluentActions.Invoking(() => new Reshape(null!)).Should().Throw<ArgumentNullException>().WithParameterName("targetShape");
    }

    [Fact]
    public void Build_InferredAxis_IsTheElementsOverTheOthers()
    {
        // (None, 6, 2) holds 12 elements per sample: (-1, 4) gives 12 / 4 = 3.
        new Reshape([-1, 4]).Build(Context(null, 6, 2)).Outputs.Single().Should().Be(new OutputShape(null, 3, 4));
        new Reshape([-1, 4]).Build(Context(null, null, 2)).Outputs.Single().Should().Be(new OutputShape(null, null, 4));
        new Reshape([3, 4]).Build(Context(null, null, 2)).Outputs.Single().Should().Be(new OutputShape(null, 3, 4));
    }

    [Fact]
    public void Build_ElementCountsDiffer_ThrowsNamingBoth()
    {
        FluentActions.Invoking(() => new Reshape([5, 3]).Build(Context(null, 12))).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'reshape' cannot reshape 12 elements per sample to (5, 3); the target must hold as many.");
        FluentActions.Invoking(() => new Reshape([-1, 5]).Build(Context(null, 12))).Should().Throw<InvalidOperationException>()
            .WithMessage("*cannot reshape 12 elements per sample to (-1, 5)*");
    }

    [Fact]
    public void Build_UnknownInput_ThrowsWithTheRank()
    {
        FluentActions.Invoking(() => new Reshape([3]).Build(new LayerContext(OutputShape.Unknown, "reshape", Convention.Keras, null))).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => new Reshape([3]).Build(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
    }
}
