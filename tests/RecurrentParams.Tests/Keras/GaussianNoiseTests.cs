using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class GaussianNoiseTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "gaussian_noise", Convention.Keras, null);

    [Fact]
    public void Build_KeepsTheInputWithoutWeights()
    {
        var layer = new GaussianNoise(0.1);

        layer.Stddev.Should().Be(0.1);
        LayerResult result = layer.Build(Context(null, 7, 5));
        result.Outputs.Single().Should().Be(new OutputShape(null, 7, 5));
        result.Weights.Should().BeEmpty();
        layer.ClassName.Should().Be("GaussianNoise");
    }

    [Fact]
    public void Constructor_OutOfRange_Throws()
    {
        FluentActions.Invoking(() => new GaussianNoise(-0.1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("stddev");
        FluentActions.Invoking(() => new GaussianNoise(double.NaN)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("stddev");
    }
}
