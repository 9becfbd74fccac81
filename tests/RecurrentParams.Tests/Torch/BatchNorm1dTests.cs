using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Layers;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Tests.Torch;

public sealed class BatchNorm1dTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "bn", Convention.Torch, null);

    [Fact]
    public void Constructor_Defaults_ArePyTorchs()
    {
        var layer = new BatchNorm1d();

        layer.Affine.Should().BeTrue();
        layer.FeaturesLast.Should().BeFalse();
        layer.ClassName.Should().Be("BatchNorm1d");
    }

    [Fact]
    public void Build_ChannelsInDimensionOne_CountWeightAndBias()
    {
        // nn.BatchNorm1d(7) on (N, C, L) = (2, 7, 4): weight (7,) + bias (7,) = 14; running statistics are buffers.
        LayerResult result = new BatchNorm1d().Build(Context(2, 7, 4));

        result.Weights.Select(w => $"{w.Name} {w.Shape}").Should().Equal("weight (7,)", "bias (7,)");
        result.Weights.Should().OnlyContain(w => w.Trainable);
        result.Outputs.Single().Should().Be(new OutputShape(2, 7, 4));
        result.Derivation!.ToString().Should().Be("BatchNorm1d(7): 7 + 7 = 14");
    }

    [Fact]
    public void Build_FeaturesLast_TakesTheLastDimension()
    {
        LayerResult result = new BatchNorm1d(featuresLast: true).Build(Context(2, 7, 4));

        result.Weights.Sum(w => w.Count).Should().Be(8);
        result.Outputs.Single().Should().Be(new OutputShape(2, 7, 4));
    }

    [Fact]
    public void Build_Vectors_TakeDimensionOne()
    {
        LayerResult result = new BatchNorm1d().Build(Context(2, 5));

        result.Weights.Sum(w => w.Count).Should().Be(10);
    }

    [Fact]
    public void Build_NotAffine_HasNoParameters()
    {
        LayerResult result = new BatchNorm1d(affine: false).Build(Context(2, 7, 4));

        result.Weights.Should().BeEmpty();
        result.Derivation.Should().BeNull();
    }

    [Theory]
    [InlineData(new long[] { 2, 3, 4, 5 }, "(2, 3, 4, 5)")]
    [InlineData(new long[] { 5 }, "(5,)")]
    public void Build_RankOtherThanTwoOrThree_Throws(long[] dims, string shown)
    {
        Action act = () => new BatchNorm1d().Build(Context(dims.Select(d => (long?)d).ToArray()));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'bn' expects (batch, channels) or (batch, channels, length) but receives " + shown + ".");
    }

    [Fact]
    public void Build_UnknownChannels_Throws()
    {
        FluentActions.Invoking(() => new BatchNorm1d().Build(Context(2, null, 4))).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'bn' needs the number of channels (dimension 1) to be known*");
        FluentActions.Invoking(() => new BatchNorm1d(featuresLast: true).Build(Context(2, 7, null))).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'bn' needs the number of features (last dimension) to be known*");
    }

    [Fact]
    public void Build_NullContext_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => new BatchNorm1d().Build(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
    }
}
