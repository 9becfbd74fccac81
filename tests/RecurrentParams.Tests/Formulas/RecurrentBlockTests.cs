using FluentAssertions;
using RecurrentParams.Formulas;
using Xunit;

namespace RecurrentParams.Tests.Formulas;

public sealed class RecurrentBlockTests
{
    [Fact]
    public void Constructor_KeepsItsValues()
    {
        var block = new RecurrentBlock(2, reverse: true, inputSize: 8);

        block.Layer.Should().Be(2);
        block.Reverse.Should().BeTrue();
        block.InputSize.Should().Be(8);
    }

    [Fact]
    public void Default_IsTheFirstForwardBlockWithNoInput()
    {
        RecurrentBlock block = default;

        block.Should().Be(new RecurrentBlock(0, false, 0));
    }

    [Fact]
    public void Equals_SameValues_IsTrueWithEqualHashCodes()
    {
        var a = new RecurrentBlock(1, true, 8);
        var b = new RecurrentBlock(1, true, 8);

        a.Equals(b).Should().BeTrue();
        a.Equals((object)b).Should().BeTrue();
        (a == b).Should().BeTrue();
        (a != b).Should().BeFalse();
        a.GetHashCode().Should().Be(b.GetHashCode());
    }

    [Theory]
    [InlineData(0, true, 8)]
    [InlineData(1, false, 8)]
    [InlineData(1, true, 5)]
    public void Equals_AnyValueDiffers_IsFalse(int layer, bool reverse, long inputSize)
    {
        var a = new RecurrentBlock(1, true, 8);
        var b = new RecurrentBlock(layer, reverse, inputSize);

        a.Equals(b).Should().BeFalse();
        (a == b).Should().BeFalse();
        (a != b).Should().BeTrue();
        a.GetHashCode().Should().NotBe(b.GetHashCode());
    }

    [Fact]
    public void Equals_OtherTypes_IsFalse()
    {
        var block = new RecurrentBlock(0, false, 5);

        block.Equals(null).Should().BeFalse();
        block.Equals(5L).Should().BeFalse();
    }
}
