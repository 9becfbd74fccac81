using System;
using System.Collections.Generic;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Tests;

public sealed class OutputShapeTests
{
    [Fact]
    public void Constructor_NullDimensions_ThrowsArgumentNull()
    {
        Action act = () => _ = new OutputShape(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("dimensions")
            .WithMessage("'dimensions' must not be null.*");
    }

    [Fact]
    public void Constructor_NoDimension_ThrowsArgument()
    {
        Action act = () => _ = new OutputShape();

        act.Should().Throw<ArgumentException>().WithParameterName("dimensions")
            .WithMessage("'dimensions' must hold at least the batch dimension.*");
    }

    [Fact]
    public void Constructor_NegativeDimension_ThrowsOutOfRangeWithTheValue()
    {
        Action act = () => _ = new OutputShape(null, 7, -1);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("dimensions")
            .WithMessage("'dimensions' must hold dimensions of 0 or more (or null for unknown); got -1.*")
            .Which.ActualValue.Should().Be(-1L);
    }

    [Fact]
    public void Constructor_ZeroAndUnknownDimensions_AreAccepted()
    {
        var shape = new OutputShape(null, 0, 5);

        shape.Dimensions.Should().Equal(null, 0L, 5L);
        shape.Rank.Should().Be(3);
    }

    [Fact]
    public void Dimensions_AreACopyOfTheArgument()
    {
        long?[] dims = [1, 7, 5];
        var shape = new OutputShape(dims);

        dims[2] = 99;

        shape.Dimensions.Should().Equal(1L, 7L, 5L);
        shape.Dimensions.Should().BeAssignableTo<IReadOnlyList<long?>>().And.NotBeSameAs(dims);
    }

    [Fact]
    public void Last_IsTheLastDimensionOrNull()
    {
        new OutputShape(null, 7, 5).Last.Should().Be(5);
        new OutputShape(3).Last.Should().Be(3);
        new OutputShape(1, null).Last.Should().BeNull();
    }

    [Fact]
    public void Indexer_ReadsEachDimension()
    {
        var shape = new OutputShape(null, 7, 5);

        shape[0].Should().BeNull();
        shape[1].Should().Be(7);
        shape[2].Should().Be(5);
    }

    [Fact]
    public void Indexer_OutsideTheRank_ThrowsIndexOutOfRange()
    {
        var shape = new OutputShape(null, 7, 5);

        FluentActions.Invoking(() => shape[3]).Should().Throw<IndexOutOfRangeException>();
        FluentActions.Invoking(() => shape[-1]).Should().Throw<IndexOutOfRangeException>();
    }

    [Fact]
    public void WithLast_ReplacesOnlyTheLastDimension_AndLeavesTheOriginal()
    {
        var shape = new OutputShape(null, 7, 5);

        OutputShape four = shape.WithLast(4);
        OutputShape unknown = shape.WithLast(null);

        four.Should().Be(new OutputShape(null, 7, 4));
        unknown.Should().Be(new OutputShape(null, 7, null));
        shape.Should().Be(new OutputShape(null, 7, 5));
    }

    [Fact]
    public void WithLast_Negative_ThrowsOutOfRange()
    {
        var shape = new OutputShape(null, 5);

        FluentActions.Invoking(() => shape.WithLast(-2)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("dimensions");
    }

    [Fact]
    public void Equals_SameDimensions_IsTrueWithEqualHashCodes()
    {
        var a = new OutputShape(null, 7, 5);
        var b = new OutputShape(null, 7, 5);

        a.Equals(b).Should().BeTrue();
        a.Equals((object)b).Should().BeTrue();
        (a == b).Should().BeTrue();
        (a != b).Should().BeFalse();
        a.GetHashCode().Should().Be(b.GetHashCode());
    }

    [Theory]
    [InlineData(new long[] { 7, 5 }, new long[] { 7, 4 })]
    [InlineData(new long[] { 7, 5 }, new long[] { 5, 7 })]
    [InlineData(new long[] { 7, 5 }, new long[] { 7, 5, 1 })]
    [InlineData(new long[] { 7 }, new long[] { 7, 7 })]
    public void Equals_OtherDimensions_IsFalse(long[] left, long[] right)
    {
        OutputShape a = Shape(left);
        OutputShape b = Shape(right);

        a.Equals(b).Should().BeFalse();
        (a == b).Should().BeFalse();
        (a != b).Should().BeTrue();
    }

    [Fact]
    public void Equals_UnknownIsNotZero()
    {
        var unknown = new OutputShape(null, 5);
        var zero = new OutputShape(0, 5);

        unknown.Should().NotBe(zero);
        (unknown == zero).Should().BeFalse();
    }

    [Fact]
    public void Equals_NullAndOtherTypes_AreFalse_AndTwoNullsAreEqual()
    {
        var shape = new OutputShape(null, 5);
        OutputShape? none = null;

        shape.Equals("(None, 5)").Should().BeFalse();
        (shape == none).Should().BeFalse();
        (none == shape).Should().BeFalse();
        (shape != none).Should().BeTrue();
        (none == null).Should().BeTrue();
        (none != null).Should().BeFalse();
        new OutputShape(null, 5).Equals((OutputShape?)null).Should().BeFalse();
        new OutputShape(null, 5).Equals((object?)null).Should().BeFalse();
    }

    [Fact]
    public void GetHashCode_DistinguishesOrderUnknownAndZero()
    {
        // Not required by the contract, but a dictionary of shapes degrades without it: the hash folds each
        // dimension in order, with unknown distinct from 0.
        new OutputShape(5, 16).GetHashCode().Should().NotBe(new OutputShape(16, 5).GetHashCode());
        new OutputShape(null, 5).GetHashCode().Should().NotBe(new OutputShape(0, 5).GetHashCode());
        new OutputShape(null, 5).GetHashCode().Should().NotBe(new OutputShape(1, 5).GetHashCode());
        new OutputShape(5).GetHashCode().Should().NotBe(new OutputShape(5, 5).GetHashCode());
    }

    [Theory]
    [InlineData(new long[] { -1, -1, 5 }, "(None, None, 5)")]
    [InlineData(new long[] { -1, 4 }, "(None, 4)")]
    [InlineData(new long[] { 1, 7, 4 }, "(1, 7, 4)")]
    [InlineData(new long[] { -1 }, "(None,)")]
    [InlineData(new long[] { 3 }, "(3,)")]
    public void ToString_FormatsAsAPythonTuple(long[] dims, string expected)
    {
        // -1 stands for an unknown dimension (None) in this table.
        OutputShape shape = Shape(dims);

        string text = shape.ToString();

        text.Should().Be(expected);
    }

    [Theory]
    [InlineData(new long[] { 1, 7, 4 }, "[1, 7, 4]")]
    [InlineData(new long[] { -1, 4 }, "[None, 4]")]
    [InlineData(new long[] { 3 }, "[3]")]
    public void ToListString_FormatsAsTorchinfoPrintsSizes(long[] dims, string expected)
    {
        OutputShape shape = Shape(dims);

        string text = shape.ToListString();

        text.Should().Be(expected);
    }

    [Fact]
    public void ToString_LargeDimension_HasNoGroupSeparatorInAnyCulture()
    {
        var shape = new OutputShape(null, 1_234_567);
        System.Globalization.CultureInfo original = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");

            shape.ToString().Should().Be("(None, 1234567)");
            shape.ToListString().Should().Be("[None, 1234567]");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public void Unknown_HasNoRankAndPrintsAsTheFrameworksDo()
    {
        OutputShape unknown = OutputShape.Unknown;

        unknown.IsKnown.Should().BeFalse();
        unknown.Rank.Should().Be(0);
        unknown.Dimensions.Should().BeEmpty();
        unknown.Last.Should().BeNull();
        unknown.ToString().Should().Be("?");
        unknown.ToListString().Should().Be("--");
        new OutputShape((long?)null).IsKnown.Should().BeTrue();
    }

    [Fact]
    public void Unknown_EqualsOnlyItself()
    {
        OutputShape.Unknown.Should().Be(OutputShape.Unknown);
        OutputShape.Unknown.Should().NotBe(new OutputShape((long?)null));
        (OutputShape.Unknown == new OutputShape((long?)null)).Should().BeFalse();
        OutputShape.Unknown.GetHashCode().Should().NotBe(new OutputShape((long?)null).GetHashCode());
    }

    [Fact]
    public void Unknown_WithLast_Throws()
    {
        Action replace = () => OutputShape.Unknown.WithLast(4);

        replace.Should().Throw<InvalidOperationException>().WithMessage("*unknown shape*");
    }

    /// <summary>Builds a shape from attribute data, where -1 stands for an unknown dimension.</summary>
    private static OutputShape Shape(long[] dims) =>
        new(Array.ConvertAll(dims, d => d < 0 ? (long?)null : d));
}
