using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class TimeDistributedTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "time_distributed", Convention.Keras, null);

    [Fact]
    public void Constructor_NullLayer_ThrowsArgumentNull()
    {
        Action act = () => _ = new TimeDistributed(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("layer");
    }

    [Fact]
    public void Build_DenseOnASequence_AppliesItPerStep()
    {
        // Dense(3) on 5 features: 5·3 + 3 = 18, weights under the wrapped layer's name; 15 multiply-accumulates a step.
        var layer = new TimeDistributed(new Dense(3));

        LayerResult result = layer.Build(Context(null, 7, 5));

        layer.Layer.Should().BeOfType<Dense>();
        result.Outputs.Single().Should().Be(new OutputShape(null, 7, 3));
        result.Weights.Select(w => w.Path).Should().Equal("dense/kernel", "dense/bias");
        result.Derivation!.Total.Should().Be(18);
        result.MacsPerStep.Should().Be(15);
    }

    [Fact]
    public void Build_RankFour_KeepsTheInnerDimensions()
    {
        // Each step is (None, 3, 5); Dense(2) on its last axis gives (None, 3, 2), so (None, 7, 3, 2).
        LayerResult result = new TimeDistributed(new Dense(2, name: "head")).Build(Context(null, 7, 3, 5));

        result.Outputs.Single().Should().Be(new OutputShape(null, 7, 3, 2));
        result.Weights.Select(w => w.Path).Should().Equal("head/kernel", "head/bias");
    }

    [Fact]
    public void Build_OnAVector_Throws()
    {
        Action act = () => new TimeDistributed(new Dense(3)).Build(Context(null, 5));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'time_distributed' expects a sequence (batch, time, ...) but its input is (None, 5).");
    }

    [Fact]
    public void Build_AfterARecurrentVector_SaysToReturnSequences()
    {
        ModelBuilder builder = new KerasModelBuilder().Input(null, 5).Lstm(4).TimeDistributed(new Dense(3));

        Action act = () => builder.Build();

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'time_distributed' (index 1) expects a sequence (batch, time, ...) but 'lstm' returns (None, 4); set returnSequences: true on 'lstm'.");
    }

    [Fact]
    public void Build_NullContext_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => new TimeDistributed(new Dense(3)).Build(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
    }
}
