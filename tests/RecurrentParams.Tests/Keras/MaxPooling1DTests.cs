using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class MaxPooling1DTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "max_pooling1d", Convention.Keras, null);

    [Fact]
    public void Constructor_Defaults_AreKeras()
    {
        // Keras MaxPooling1D(pool_size=2, strides=None, padding="valid"); strides None means pool_size.
        var layer = new MaxPooling1D();

        layer.PoolSize.Should().Be(2);
        layer.Strides.Should().Be(2);
        layer.Padding.Should().Be(Padding.Valid);
        layer.NameBase.Should().Be("max_pooling1d");
    }

    [Fact]
    public void Constructor_ExplicitStrides_AreKept()
    {
        new MaxPooling1D(3, strides: 1, padding: Padding.Same).Strides.Should().Be(1);
    }

    [Theory]
    [InlineData(0, null, "poolSize")]
    [InlineData(2, 0, "strides")]
    public void Constructor_SizeBelowOne_ThrowsNamingIt(int poolSize, int? strides, string paramName)
    {
        Action act = () => _ = new MaxPooling1D(poolSize, strides);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(paramName)
            .WithMessage("'" + paramName + "' must be at least 1; got 0.*");
    }

    [Fact]
    public void Constructor_CausalPadding_ThrowsOutOfRange()
    {
        Action act = () => _ = new MaxPooling1D(padding: Padding.Causal);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("padding")
            .WithMessage("'padding' must be Padding.Valid or Padding.Same (causal padding is for 1-D convolutions); got Causal.*");
    }

    [Fact]
    public void Build_PoolLongerThanTheSteps_ThrowsWithARemedy()
    {
        Action act = () => new MaxPooling1D(5).Build(Context(null, 3, 2));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'max_pooling1d' has a pool that spans 5 positions but receives 3; use padding Same or a smaller pool.");
    }

    [Theory]
    [InlineData(5, Padding.Same, 3L, 1L)] // ⌈3 / 5⌉ = 1
    [InlineData(3, Padding.Valid, 3L, 1L)] // ⌊(3 − 3) / 3⌋ + 1 = 1
    [InlineData(2, Padding.Valid, 7L, 3L)] // ⌊(7 − 2) / 2⌋ + 1 = 3
    [InlineData(2, Padding.Same, 7L, 4L)] // ⌈7 / 2⌉ = 4
    public void Build_PoolsTime_KeepsChannels(int poolSize, Padding padding, long steps, long expected)
    {
        LayerResult result = new MaxPooling1D(poolSize, padding: padding).Build(Context(null, steps, 6));

        result.Outputs.Single().Should().Be(new OutputShape(null, expected, 6));
        result.Weights.Should().BeEmpty();
        result.Derivation.Should().BeNull();
    }

    [Fact]
    public void Build_UnknownSteps_StayUnknown()
    {
        LayerResult result = new MaxPooling1D(5).Build(Context(null, null, 6));

        result.Outputs.Single().Should().Be(new OutputShape(null, null, 6));
    }

    [Fact]
    public void Build_NotASequence_Throws()
    {
        Action act = () => new MaxPooling1D().Build(Context(null, 6));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'max_pooling1d' expects a sequence (batch, time, channels) but its input is (None, 6).");
    }

    [Fact]
    public void Build_NullContext_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => new MaxPooling1D().Build(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
    }
}
