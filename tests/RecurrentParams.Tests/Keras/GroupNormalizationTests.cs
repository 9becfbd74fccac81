using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class GroupNormalizationTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "group_normalization", Convention.Keras, null);

    [Fact]
    public void Build_LearnsGammaAndBetaPerChannel()
    {
        // Keras 3.16 (keras3-layer-families groupnorm-axis1): groups 3 on axis 1 of (None, 6, 5, 5): gamma, beta (6,) = 12.
        var layer = new GroupNormalization(3, 1);

        (layer.Groups, layer.Axis, layer.Center, layer.Scale).Should().Be((3, 1, true, true));
        layer.Build(Context(null, 6, 5, 5)).Weights.Select(w => w.Name + " " + w.Shape).Should().Equal("gamma (6,)", "beta (6,)");
        new GroupNormalization(-1, center: false, scale: false).Build(Context(null, 7, 8)).Weights.Should().BeEmpty();
        new GroupNormalization().Groups.Should().Be(32);
    }

    [Fact]
    public void Build_GroupsThatDoNotDivideTheChannels_Throw()
    {
        FluentActions.Invoking(() => new GroupNormalization(0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("groups");
        FluentActions.Invoking(() => new GroupNormalization(2, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("axis");
        FluentActions.Invoking(() => new GroupNormalization(3).Build(Context(null, 7, 8))).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'group_normalization' splits 8 channels into 3 groups; the groups must divide the channels.");
        FluentActions.Invoking(() => new GroupNormalization(16).Build(Context(null, 7, 8))).Should().Throw<InvalidOperationException>();
    }
}
