using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Layers;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Tests.Torch;

public sealed class LayerNormTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "norm", Convention.Torch, null);

    [Fact]
    public void Build_LastDimension_CountsWeightAndBias()
    {
        // nn.LayerNorm(5): weight (5,) + bias (5,) = 10.
        var layer = new LayerNorm();

        LayerResult result = layer.Build(Context(1, 7, 5));

        layer.NormalizedDims.Should().Be(1);
        layer.ElementwiseAffine.Should().BeTrue();
        result.Weights.Select(w => $"{w.Name} {w.Shape}").Should().Equal("weight (5,)", "bias (5,)");
        result.Derivation!.ToString().Should().Be("LayerNorm(5): 5 + 5 = 10");
        result.Outputs.Single().Should().Be(new OutputShape(1, 7, 5));
    }

    [Fact]
    public void Build_TwoTrailingDimensions_TakeTheirSizes()
    {
        // nn.LayerNorm([7, 5]): weight and bias (7, 5), 2·35 = 70.
        LayerResult result = new LayerNorm(normalizedDims: 2).Build(Context(1, 7, 5));

        result.Weights.Select(w => $"{w.Name} {w.Shape}").Should().Equal("weight (7, 5)", "bias (7, 5)");
        result.Derivation!.Subject.Should().Be("LayerNorm(7, 5)");
    }

    [Fact]
    public void Build_NotAffine_HasNoParameters()
    {
        LayerResult result = new LayerNorm(elementwiseAffine: false).Build(Context(1, 7, 5));

        result.Weights.Should().BeEmpty();
        result.Derivation.Should().BeNull();
    }

    [Fact]
    public void Constructor_NormalizedDimsBelowOne_ThrowsOutOfRange()
    {
        Action act = () => _ = new LayerNorm(normalizedDims: 0);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("normalizedDims");
    }

    [Theory]
    [InlineData(2, new long[] { 3, 5 }, "(3, 5)")]
    [InlineData(1, new long[] { 5 }, "(5,)")]
    public void Build_NoBatchDimensionLeft_Throws(int normalizedDims, long[] dims, string shown)
    {
        Action act = () => new LayerNorm(normalizedDims: normalizedDims).Build(Context(dims.Select(d => (long?)d).ToArray()));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'norm' normalizes the last " + normalizedDims + " dimensions but receives " + shown + ".");
    }

    [Fact]
    public void Build_UnknownNormalizedDimension_Throws()
    {
        Action act = () => new LayerNorm(normalizedDims: 2).Build(Context(1, null, 5));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'norm' needs the normalized dimensions (normalized_shape) to be known*");
    }

    [Fact]
    public void Build_NullContext_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => new LayerNorm().Build(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
    }
}
