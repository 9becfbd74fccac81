using System;
using FluentAssertions;
using RecurrentParams.Formulas;
using Xunit;

namespace RecurrentParams.Tests.Formulas;

/// <summary>
/// <see cref="TensorShape"/>'s messages and hash spread; extends <c>TensorShapeTests</c>, which this change does not edit.
/// </summary>
public sealed class TensorShapeGuardTests
{
    [Fact]
    public void Constructor_NegativeDimension_ThrowsWithTheValue()
    {
        Action act = () => _ = new TensorShape(4, -1);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("dimensions")
            .WithMessage("'dimensions' must hold dimensions of 0 or more; got -1.*");
    }

    [Fact]
    public void Constructor_ProductAtLongMaxValue_IsExact()
    {
        // 2^63 − 1 = 7² · 73 · 127 · 337 · 92737 · 649657.
        var shape = new TensorShape(49, 73, 127, 337, 92737, 649657);

        shape.ElementCount.Should().Be(long.MaxValue);
    }

    [Fact]
    public void GetHashCode_DependsOnOrder()
    {
        // Not required by the contract, but kernels (i, u) and (u, i) are both common keys.
        new TensorShape(5, 16).GetHashCode().Should().NotBe(new TensorShape(16, 5).GetHashCode());
        new TensorShape(16).GetHashCode().Should().NotBe(new TensorShape(16, 16).GetHashCode());
    }
}
