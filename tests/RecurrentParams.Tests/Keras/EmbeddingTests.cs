using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class EmbeddingTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "embedding", Convention.Keras, null);

    [Fact]
    public void Build_MapsTokensToVectors()
    {
        // embeddings (100, 8) = 800; a lookup multiplies nothing.
        var layer = new Embedding(100, 8);

        LayerResult result = layer.Build(Context(null, 20));

        layer.InputDim.Should().Be(100);
        layer.OutputDim.Should().Be(8);
        result.Outputs.Single().Should().Be(new OutputShape(null, 20, 8));
        result.Weights.Select(w => $"{w.Name} {w.Shape}").Should().Equal("embeddings (100, 8)");
        result.MacsPerStep.Should().Be(0);
        result.Derivation!.ToString().Should().Be("Embedding(input_dim=100, output_dim=8): 100·8 = 800");
    }

    [Theory]
    [InlineData(0, 8, "inputDim")]
    [InlineData(100, 0, "outputDim")]
    public void Constructor_SizeBelowOne_ThrowsNamingIt(int inputDim, int outputDim, string paramName)
    {
        Action act = () => _ = new Embedding(inputDim, outputDim);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(paramName);
    }

    [Fact]
    public void Build_NotTokenIds_Throws()
    {
        Action act = () => new Embedding(100, 8).Build(Context(null, 20, 3));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'embedding' expects token ids (batch, time) but its input is (None, 20, 3).");
    }

    [Fact]
    public void Build_NullContext_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => new Embedding(100, 8).Build(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
    }
}
