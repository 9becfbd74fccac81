using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Torch;
using Xunit;

namespace RecurrentParams.Tests.Torch;

public sealed class EmbeddingTests
{
    [Fact]
    public void Constructor_Weight_IsNumEmbeddingsByDim()
    {
        var embedding = new Embedding(10, 3);

        (embedding.NumEmbeddings, embedding.EmbeddingDim, embedding.PaddingIdx).Should().Be((10, 3, (int?)null));
        embedding.Parameters.Select(w => $"{w.Name} {w.Shape}").Should().Equal("weight (10, 3)");
        embedding.ToString().Should().Be("Embedding(10, 3)");
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-1, 9)]
    [InlineData(-10, 0)]
    public void Constructor_PaddingIdx_IsStoredAsPyTorchStoresIt(int paddingIdx, int stored)
    {
        var embedding = new Embedding(10, 3, paddingIdx);

        embedding.PaddingIdx.Should().Be(stored);
        embedding.ExtraRepr.Should().Be("10, 3, padding_idx=" + stored);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(-11)]
    public void Constructor_PaddingIdxOutOfRange_Throws(int paddingIdx)
    {
        Action act = () => _ = new Embedding(10, 3, paddingIdx);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(paddingIdx)).WithMessage("*from -10 to 9*");
    }

    [Fact]
    public void Constructor_SizeBelowOne_Throws()
    {
        FluentActions.Invoking(() => new Embedding(0, 3)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("numEmbeddings");
        FluentActions.Invoking(() => new Embedding(10, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("embeddingDim");
    }

    [Fact]
    public void Forward_TokenIds_AppendsTheDimensionInTheWeightsType()
    {
        Tensor output = Probe.Run(new Embedding(10, 3).To(ElementType.Float16), Tensor.Zeros(ElementType.Int64, 2, 7));

        Probe.Shapes(output).Should().Be("[2, 7, 3]");
        output.ElementType.Should().Be(ElementType.Float16);
    }

    [Fact]
    public void Forward_Tuple_Throws()
    {
        Action act = () => Probe.Run(new Embedding(10, 3), Tensor.Tuple());

        act.Should().Throw<InvalidOperationException>().WithMessage("Module 'm' (Embedding) expects a tensor of token ids but receives a tuple of 0 ().");
    }
}
