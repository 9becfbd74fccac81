using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class GaussianDropoutTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "gaussian_dropout", Convention.Keras, null);

    [Fact]
    public void Build_KeepsTheInputWithoutWeights()
    {
        var layer = new GaussianDropout(0.2);

        layer.Rate.Should().Be(0.2);
        LayerResult result = layer.Build(Context(null, 7, 5));
        result.Outputs.Single().Should().Be(new OutputShape(null, 7, 5));
        result.Weights.Should().BeEmpty();
        layer.ClassName.Should().Be("GaussianDropout");
    }

    [Fact]
    public void Constructor_OutOfRange_Throws()
    {
        FluentActions.Invoking(() => new GaussianDropout(1.0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("rate")
            .WithMessage("'rate' must be in [0, 1); got 1.*");
    }
}
