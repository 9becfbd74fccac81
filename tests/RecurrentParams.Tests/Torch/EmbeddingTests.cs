using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Layers;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Tests.Torch;

public sealed class EmbeddingTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "embedding", Convention.Torch, null);

    [Theory]
    [InlineData(new long[] { 7 }, new long[] { 7, 3 })]
    [InlineData(new long[] { 2, 7 }, new long[] { 2, 7, 3 })]
    [InlineData(new long[] { 2, 4, 7 }, new long[] { 2, 4, 7, 3 })]
    public void Build_AppendsTheEmbeddingDimension(long[] input, long[] expected)
    {
        // nn.Embedding takes indices of any shape and appends embedding_dim.
        LayerResult result = new Embedding(10, 3).Build(Context(input.Select(d => (long?)d).ToArray()));

        result.Outputs.Single().Should().Be(new OutputShape(expected.Select(d => (long?)d).ToArray()));
        result.Weights.Select(w => $"{w.Name} {w.Shape}").Should().Equal("weight (10, 3)");
        result.Derivation!.ToString().Should().Be("Embedding(10, 3): 10·3 = 30");
    }

    [Theory]
    [InlineData(0, 3, "numEmbeddings")]
    [InlineData(10, 0, "embeddingDim")]
    public void Constructor_SizeBelowOne_ThrowsNamingIt(int numEmbeddings, int embeddingDim, string paramName)
    {
        Action act = () => _ = new Embedding(numEmbeddings, embeddingDim);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(paramName);
    }

    [Fact]
    public void Properties_KeepTheConfiguration()
    {
        var layer = new Embedding(10, 3);

        layer.NumEmbeddings.Should().Be(10);
        layer.EmbeddingDim.Should().Be(3);
        layer.ClassName.Should().Be("Embedding");
    }

    [Fact]
    public void Build_NullContext_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => new Embedding(10, 3).Build(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
    }
}
