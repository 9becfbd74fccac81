using System;
using FluentAssertions;
using RecurrentParams.Formulas;
using Xunit;

namespace RecurrentParams.Tests.Formulas;

public sealed class TensorShapeTests
{
    [Fact]
    public void Formats_AsPythonTupleAndList()
    {
        new TensorShape(5, 16).ToString().Should().Be("(5, 16)");
        new TensorShape(16).ToString().Should().Be("(16,)");
        new TensorShape().ToString().Should().Be("()");
        new TensorShape(16, 5).ToListString().Should().Be("[16, 5]");
        new TensorShape(16).ToListString().Should().Be("[16]");
    }

    [Fact]
    public void ElementCount_IsTheProduct()
    {
        new TensorShape(2, 12).ElementCount.Should().Be(24);
        new TensorShape().ElementCount.Should().Be(1);
        new TensorShape(3, 0).ElementCount.Should().Be(0);
        new TensorShape(2, 12).Rank.Should().Be(2);
    }

    [Fact]
    public void Equality_IsByValue()
    {
        new TensorShape(5, 16).Should().Be(new TensorShape(5, 16));
        (new TensorShape(5, 16) == new TensorShape(5, 16)).Should().BeTrue();
        (new TensorShape(5, 16) != new TensorShape(16, 5)).Should().BeTrue();
        new TensorShape(5).Should().NotBe(new TensorShape(5, 1));
        new TensorShape(5, 16).GetHashCode().Should().Be(new TensorShape(5, 16).GetHashCode());
        new TensorShape(5).Equals((object?)null).Should().BeFalse();
    }

    [Fact]
    public void Dimensions_AreACopy()
    {
        long[] dims = [5, 16];
        var shape = new TensorShape(dims);
        dims[0] = 99;

        shape.Dimensions.Should().Equal(5L, 16L);
    }

    [Fact]
    public void BadDimensions_Throw()
    {
        FluentActions.Invoking(() => new TensorShape(4, -1)).Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "dimensions");
        FluentActions.Invoking(() => new TensorShape(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new TensorShape(long.MaxValue, 2)).Should().Throw<OverflowException>();
    }

    [Theory]
    [InlineData(0L, 4294967296L, 4294967296L)]
    [InlineData(4294967296L, 4294967296L, 0L)]
    [InlineData(4294967296L, 0L, 4294967296L)]
    [InlineData(long.MaxValue, long.MaxValue, 0L)]
    public void ElementCount_ZeroAnywhere_IsZeroWhateverTheOrder(long a, long b, long c)
    {
        var shape = new TensorShape(a, b, c);

        shape.ElementCount.Should().Be(0);
        shape.Dimensions.Should().Equal(a, b, c);
    }

    [Fact]
    public void ElementCount_OverflowWithoutAZero_ThrowsWhateverTheOrder()
    {
        FluentActions.Invoking(() => new TensorShape(4294967296L, 4294967296L, 1)).Should().Throw<OverflowException>();
        FluentActions.Invoking(() => new TensorShape(1, 4294967296L, 4294967296L)).Should().Throw<OverflowException>();
    }
}
