using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class LeakyReLUTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "leaky_re_lu", Convention.Keras, null);

    [Fact]
    public void Build_KeepsTheInputWithoutWeights()
    {
        var layer = new LeakyReLU(0.2);

        layer.NegativeSlope.Should().Be(0.2);
        new LeakyReLU().NegativeSlope.Should().Be(0.3);
        LayerResult result = layer.Build(Context(null, 7, 5));
        result.Outputs.Single().Should().Be(new OutputShape(null, 7, 5));
        result.Weights.Should().BeEmpty();
        layer.ClassName.Should().Be("LeakyReLU");
    }

    [Fact]
    public void Constructor_OutOfRange_Throws()
    {
        FluentActions.Invoking(() => new LeakyReLU(-1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("negativeSlope");
    }
}
