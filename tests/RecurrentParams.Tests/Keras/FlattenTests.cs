using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class FlattenTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "flatten", Convention.Keras, null);

    [Fact]
    public void Build_MultipliesTheNonBatchDimensions()
    {
        // (None, 7, 3, 5) → (None, 7·3·5) = (None, 105).
        LayerResult result = new Flatten().Build(Context(null, 7, 3, 5));

        result.Outputs.Single().Should().Be(new OutputShape(null, 105));
        result.Weights.Should().BeEmpty();
    }

    [Fact]
    public void Build_AnyUnknownDimension_MakesTheProductUnknown()
    {
        new Flatten().Build(Context(2, 7, null)).Outputs.Single().Should().Be(new OutputShape(2, null));
        new Flatten().Build(Context(2, null, 7)).Outputs.Single().Should().Be(new OutputShape(2, null));
    }

    [Fact]
    public void Build_ProductPastLongMaxValue_ThrowsOverflow()
    {
        Action act = () => new Flatten().Build(Context(null, long.MaxValue, 2));

        act.Should().Throw<OverflowException>();
    }

    [Fact]
    public void Build_NullContext_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => new Flatten().Build(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
    }
}
