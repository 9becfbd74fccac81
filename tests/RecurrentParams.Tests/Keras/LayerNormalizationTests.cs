using System;
using System.Collections.Generic;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class LayerNormalizationTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "layer_normalization", Convention.Keras, null);

    [Fact]
    public void Constructor_NoAxes_NormalizesTheLastAxis()
    {
        new LayerNormalization().Axes.Should().Equal(-1);
        new LayerNormalization(axes: []).Axes.Should().Equal(-1);
    }

    [Fact]
    public void Constructor_CopiesTheAxes()
    {
        var axes = new List<int> { 1, 2 };
        var layer = new LayerNormalization(axes: axes);

        axes[0] = 0;

        layer.Axes.Should().Equal(1, 2);
    }

    [Theory]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 1, 0 })]
    public void Constructor_BatchAxis_ThrowsOutOfRange(int[] value)
    {
        Action act = () => _ = new LayerNormalization(axes: value);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("axes")
            .WithMessage("'axes' must not contain the batch axis 0; got 0.*");
    }

    [Fact]
    public void Build_LastAxis_CountsGammaAndBeta()
    {
        // gamma (5,) + beta (5,) = 10; the output keeps the input's shape.
        LayerResult result = new LayerNormalization().Build(Context(null, 7, 5));

        result.Weights.Select(w => $"{w.Name} {w.Shape}").Should().Equal("gamma (5,)", "beta (5,)");
        result.Outputs.Single().Should().Be(new OutputShape(null, 7, 5));
        result.Derivation!.ToString().Should().Be("LayerNormalization on 5 features: 5 + 5 = 10");
    }

    [Fact]
    public void Build_TwoAxes_GammaAndBetaTakeBothSizes()
    {
        // Keras LayerNormalization(axis=[1, 2]) on (None, 7, 5): gamma and beta (7, 5), 2·35 = 70.
        LayerResult result = new LayerNormalization(axes: [1, -1]).Build(Context(null, 7, 5));

        result.Weights.Select(w => $"{w.Name} {w.Shape}").Should().Equal("gamma (7, 5)", "beta (7, 5)");
        result.Derivation!.ToString().Should().Be("LayerNormalization on 7×5 features: 7·5 + 7·5 = 70");
    }

    [Theory]
    [InlineData(false, true, "gamma")]
    [InlineData(true, false, "beta")]
    public void Build_CenterOrScaleOff_DropsThatWeight(bool center, bool scale, string kept)
    {
        LayerResult result = new LayerNormalization(center, scale).Build(Context(null, 5));

        result.Weights.Select(w => w.Name).Should().Equal(kept);
    }

    [Fact]
    public void Build_NeitherCenterNorScale_HasNoWeights()
    {
        LayerResult result = new LayerNormalization(center: false, scale: false).Build(Context(null, 5));

        result.Weights.Should().BeEmpty();
        result.Derivation.Should().BeNull();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(-4)]
    public void Build_AxisUnknownOrOutsideTheRank_Throws(int axis)
    {
        // (None, None, 5): axis 1 is unknown, 3 and -4 are outside the rank.
        Action act = () => new LayerNormalization(axes: [axis]).Build(Context(null, null, 5));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'layer_normalization' needs the size of the normalized axes to be known but its input is (None, None, 5); give the model input a fixed shape*");
    }

    [Fact]
    public void Build_NullContext_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => new LayerNormalization().Build(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
    }
}
