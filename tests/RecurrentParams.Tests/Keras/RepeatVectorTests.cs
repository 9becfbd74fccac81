using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class RepeatVectorTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "repeat_vector", Convention.Keras, null);

    [Fact]
    public void Build_RepeatsTheVectorNTimes()
    {
        var layer = new RepeatVector(4);

        LayerResult result = layer.Build(Context(null, 6));

        layer.N.Should().Be(4);
        result.Outputs.Single().Should().Be(new OutputShape(null, 4, 6));
        result.Weights.Should().BeEmpty();
    }

    [Fact]
    public void Constructor_NBelowOne_ThrowsOutOfRange()
    {
        Action act = () => _ = new RepeatVector(0);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("n").WithMessage("'n' must be at least 1; got 0.*");
    }

    [Fact]
    public void Build_OnASequence_Throws()
    {
        Action act = () => new RepeatVector(4).Build(Context(null, 7, 5));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'repeat_vector' expects a vector per sample (batch, features) but its input is (None, 7, 5).");
    }

    [Fact]
    public void Build_NullContext_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => new RepeatVector(4).Build(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
    }
}
