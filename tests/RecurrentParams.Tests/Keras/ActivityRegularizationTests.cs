using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class ActivityRegularizationTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "activity_regularization", Convention.Keras, null);

    [Fact]
    public void Build_KeepsTheInputWithoutWeights()
    {
        var layer = new ActivityRegularization(0.01, 0.02);

        (layer.L1, layer.L2).Should().Be((0.01, 0.02));
        LayerResult result = layer.Build(Context(null, 7, 5));
        result.Outputs.Single().Should().Be(new OutputShape(null, 7, 5));
        result.Weights.Should().BeEmpty();
        layer.ClassName.Should().Be("ActivityRegularization");
    }

    [Fact]
    public void Constructor_OutOfRange_Throws()
    {
        FluentActions.Invoking(() => new ActivityRegularization(-1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("l1");
        FluentActions.Invoking(() => new ActivityRegularization(l2: -1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("l2");
    }
}
