using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Tests.Torch;

public sealed class LayerNormTests
{
    [Fact]
    public void Constructor_OneDimension_HasPyTorchsDefaults()
    {
        var norm = new LayerNorm(48);

        norm.NormalizedShape.Should().Equal(48);
        norm.Eps.Should().Be(1e-5);
        norm.ElementwiseAffine.Should().BeTrue();
        norm.Parameters.Select(w => $"{w.Name} {w.Shape}").Should().Equal("weight (48,)", "bias (48,)");
        norm.ToString().Should().Be("LayerNorm((48,), eps=1e-05, elementwise_affine=True)");
    }

    [Fact]
    public void Constructor_TwoDimensionsWithoutAffine_HasNoParameters()
    {
        var norm = new LayerNorm([6, 4], eps: 1e-6, elementwiseAffine: false);

        norm.Parameters.Should().BeEmpty();
        norm.ExtraRepr.Should().Be("(6, 4), eps=1e-06, elementwise_affine=False");
    }

    [Fact]
    public void Constructor_BadArguments_Throw()
    {
        FluentActions.Invoking(() => new LayerNorm(0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("normalizedShape");
        FluentActions.Invoking(() => new LayerNorm(Array.Empty<int>())).Should().Throw<ArgumentException>().WithParameterName("normalizedShape");
        FluentActions.Invoking(() => new LayerNorm((int[])null!)).Should().Throw<ArgumentNullException>().WithParameterName("normalizedShape");
        FluentActions.Invoking(() => new LayerNorm([4], eps: 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("eps");
    }

    [Fact]
    public void Forward_MatchingTrailingDimensions_KeepsTheShape()
    {
        Probe.Shapes(Probe.Run(new LayerNorm([6, 4]), Probe.Floats(2, 6, 4))).Should().Be("[2, 6, 4]");
    }

    [Theory]
    [InlineData(new long[] { 2, 4, 6 })]
    [InlineData(new long[] { 4 })]
    public void Forward_OtherTrailingDimensions_Throws(long[] shape)
    {
        Action act = () => Probe.Run(new LayerNorm([6, 4]), Probe.Floats(shape));

        act.Should().Throw<InvalidOperationException>().WithMessage("Module 'm' (LayerNorm) normalizes the last dimensions [6, 4] but receives*");
    }
}
