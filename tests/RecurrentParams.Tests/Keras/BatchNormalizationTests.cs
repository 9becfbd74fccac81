using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class BatchNormalizationTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "batch_normalization", Convention.Keras, null);

    [Fact]
    public void Constructor_Defaults_AreKeras()
    {
        var layer = new BatchNormalization();

        layer.Axis.Should().Be(-1);
        layer.Center.Should().BeTrue();
        layer.Scale.Should().BeTrue();
    }

    [Fact]
    public void Constructor_BatchAxis_ThrowsOutOfRange()
    {
        Action act = () => _ = new BatchNormalization(axis: 0);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("axis")
            .WithMessage("'axis' must not be the batch axis 0; got 0.*")
            .Which.ActualValue.Should().Be(0);
    }

    [Fact]
    public void Build_LastAxis_SplitsTrainableAndMovingStatistics()
    {
        // gamma, beta (5,) trainable; moving_mean, moving_variance (5,) not: 20 in all, 10 non-trainable.
        LayerResult result = new BatchNormalization().Build(Context(null, 7, 5));

        result.Weights.Select(w => $"{w.Name} {w.Shape} {w.Trainable}").Should().Equal(
            "gamma (5,) True", "beta (5,) True", "moving_mean (5,) False", "moving_variance (5,) False");
        result.Outputs.Single().Should().Be(new OutputShape(null, 7, 5));
        result.Derivation!.Subject.Should().Be("BatchNormalization on 5 features (moving mean and variance non-trainable)");
        result.Derivation.Total.Should().Be(20);
    }

    [Fact]
    public void Build_AxisOne_NormalizesTheTimeAxis()
    {
        LayerResult result = new BatchNormalization(axis: 1).Build(Context(null, 7, 5));

        result.Weights.Should().OnlyContain(w => w.Shape.Dimensions.SequenceEqual(new long[] { 7 }));
    }

    [Theory]
    [InlineData(false, true, "gamma")]
    [InlineData(true, false, "beta")]
    public void Build_CenterOrScaleOff_KeepsTheMovingStatistics(bool center, bool scale, string kept)
    {
        LayerResult result = new BatchNormalization(center, scale).Build(Context(null, 5));

        result.Weights.Select(w => w.Name).Should().Equal(kept, "moving_mean", "moving_variance");
    }

    [Fact]
    public void Build_UnknownAxis_Throws()
    {
        Action act = () => new BatchNormalization(axis: 1).Build(Context(null, null, 5));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'batch_normalization' needs the size of the normalized axis to be known*");
    }

    [Fact]
    public void Build_NullContext_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => new BatchNormalization().Build(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
    }
}
