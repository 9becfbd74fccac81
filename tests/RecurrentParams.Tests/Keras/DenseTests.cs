using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class DenseTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "dense", Convention.Keras, null);

    [Fact]
    public void Build_OnAVector_CountsKernelAndBias()
    {
        // kernel (5, 3) + bias (3,) = 18; 15 multiply-accumulates.
        var layer = new Dense(3);

        LayerResult result = layer.Build(Context(null, 5));

        layer.Units.Should().Be(3);
        layer.UseBias.Should().BeTrue();
        result.Outputs.Single().Should().Be(new OutputShape(null, 3));
        result.Weights.Select(w => $"{w.Name} {w.Shape}").Should().Equal("kernel (5, 3)", "bias (3,)");
        result.MacsPerStep.Should().Be(15);
        result.Derivation!.ToString().Should().Be("Dense(units=3) on 5 features: 5·3 + 3 = 18");
        result.Derivation.Terms.Should().ContainSingle().Which.Label.Should().BeEmpty();
    }

    [Fact]
    public void Build_WithoutBias_HasOnlyTheKernel()
    {
        LayerResult result = new Dense(3, useBias: false).Build(Context(null, 7, 5));

        result.Outputs.Single().Should().Be(new OutputShape(null, 7, 3));
        result.Weights.Select(w => w.Name).Should().Equal("kernel");
    }

    [Fact]
    public void Constructor_UnitsBelowOne_ThrowsOutOfRange()
    {
        Action act = () => _ = new Dense(0);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("units").WithMessage("'units' must be at least 1; got 0.*");
    }

    [Fact]
    public void Build_RankOne_Throws()
    {
        Action act = () => new Dense(3).Build(Context(5));

        act.Should().Throw<InvalidOperationException>().WithMessage("Layer 'dense' expects at least (batch, features) but receives (5,).");
    }

    [Fact]
    public void Build_NullContext_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => new Dense(3).Build(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
    }
}
