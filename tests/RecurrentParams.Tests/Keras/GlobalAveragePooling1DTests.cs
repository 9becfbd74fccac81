using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class GlobalAveragePooling1DTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "gap", Convention.Keras, null);

    [Fact]
    public void Build_AveragesOverTime()
    {
        LayerResult result = new GlobalAveragePooling1D().Build(Context(2, 7, 5));

        result.Outputs.Single().Should().Be(new OutputShape(2, 5));
        result.Weights.Should().BeEmpty();
    }

    [Fact]
    public void Build_NotASequence_Throws()
    {
        Action act = () => new GlobalAveragePooling1D().Build(Context(null, 5));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'gap' expects a sequence (batch, time, channels) but its input is (None, 5).");
    }

    [Fact]
    public void Build_NullContext_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => new GlobalAveragePooling1D().Build(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
    }
}
