using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class ActivationTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "activation", Convention.Keras, null);

    [Fact]
    public void Build_KeepsTheInputWithoutWeights()
    {
        var layer = new Activation("relu");

        layer.Function.Should().Be("relu");
        new Activation().Function.Should().Be("linear");
        LayerResult result = layer.Build(Context(null, 7, 5));
        result.Outputs.Single().Should().Be(new OutputShape(null, 7, 5));
        result.Weights.Should().BeEmpty();
        layer.ClassName.Should().Be("Activation");
    }

    [Fact]
    public void Constructor_OutOfRange_Throws()
    {
        FluentActions.Invoking(() => new Activation(string.Empty)).Should().Throw<ArgumentException>().WithParameterName("activation");
        FluentActions.Invoking(() => new Activation(null!)).Should().Throw<ArgumentNullException>().WithParameterName("activation");
    }
}
