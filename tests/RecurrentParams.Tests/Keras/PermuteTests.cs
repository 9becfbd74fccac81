using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class PermuteTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "permute", Convention.Keras, null);

    [Fact]
    public void Build_SwapsTheAxes()
    {
        var layer = new Permute([2, 1]);

        layer.Dims.Should().Equal(2, 1);
        layer.Build(Context(null, 3, 5)).Outputs.Single().Should().Be(new OutputShape(null, 5, 3));
    }

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 1, 1 })]
    [InlineData(new[] { 0, 1 })]
    [InlineData(new[] { 2, 3 })]
    public void Constructor_NotAPermutation_Throws(int[] order)
    {
        FluentActions.Invoking(() => new Permute(order)).Should().Throw<ArgumentException>().WithParameterName("dims");
    }

    [Fact]
    public void Build_OtherRank_Throws()
    {
        FluentActions.Invoking(() => new Permute([2, 1]).Build(Context(null, 3, 5, 7))).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'permute' expects a tensor of 2 axes after the batch axis but its input is (None, 3, 5, 7).");
    }
}
