using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class NormalizationTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "normalization", Convention.Keras, null);

    [Fact]
    public void Build_KeepsTheStatisticsAsNonTrainableWeights()
    {
        // Keras 3.16 (keras3-layer-families normalization-axes12): mean, variance (4, 5) and count () = 41, all non-trainable.
        LayerResult result = new Normalization([1, 2]).Build(Context(null, 4, 5));

        result.Weights.Select(w => $"{w.Name} {w.Shape} {w.Trainable}").Should().Equal("mean (4, 5) False", "variance (4, 5) False", "count () False");
        result.Derivation!.ToString().Should().EndWith("4·5 + 4·5 + 1 = 41");
        new Normalization([]).Build(Context(null, 4, 5)).Weights.Sum(w => w.Count).Should().Be(3);
        new Normalization().Axes.Should().Equal(-1);
    }

    [Fact]
    public void Build_GivenStatistics_HaveNoWeights()
    {
        var layer = new Normalization(fixedStatistics: true);

        layer.FixedStatistics.Should().BeTrue();
        layer.Build(Context(null, 5)).Weights.Should().BeEmpty();
        FluentActions.Invoking(() => new Normalization([0])).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("axes");
    }
}
