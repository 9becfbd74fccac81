using FluentAssertions;
using RecurrentParams.Internal;
using Xunit;

namespace RecurrentParams.Tests.Torch;

/// <summary>The Python number formats torchinfo and <c>print(model)</c> print, checked against CPython 3.11 (values from <c>repr()</c> and <c>format()</c> in the interpreter).</summary>
public sealed class PythonTextTests
{
    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(0.25, "0.25")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(1e-6, "1e-06")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1.0, "1.0")]
    [InlineData(100.0, "100.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(123456789012345.0, "123456789012345.0")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(2.5e+20, "2.5e+20")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void Float_IsPythonsRepr(double value, string expected)
    {
        PythonText.Float(value).Should().Be(expected);
    }

    [Theory]
    [InlineData(0.125, 2, false, "0.12")]
    [InlineData(0.375, 2, false, "0.38")]
    [InlineData(0.005, 2, false, "0.01")]
    [InlineData(2.675, 2, false, "2.67")]
    [InlineData(1234567.891, 2, true, "1,234,567.89")]
    [InlineData(376.849, 2, true, "376.85")]
    [InlineData(3.0, 0, true, "3")]
    [InlineData(1234.0, 0, true, "1,234")]
    [InlineData(-1.005, 2, false, "-1.00")]
    [InlineData(5e-324, 2, false, "0.00")]
    [InlineData(1e22, 2, true, "10,000,000,000,000,000,000,000.00")]
    public void Fixed_RoundsTheExactBinaryValueHalfToEven(double value, int decimals, bool thousands, string expected)
    {
        // format(0.125, '.2f') == '0.12' (a tie, to even); format(2.675, '.2f') == '2.67' (2.67499999...).
        PythonText.Fixed(value, decimals, thousands).Should().Be(expected);
    }

    [Fact]
    public void Tuple_IsPythonsStr()
    {
        PythonText.Tuple([48]).Should().Be("(48,)");
        PythonText.Tuple([3, 4]).Should().Be("(3, 4)");
        PythonText.Tuple([]).Should().Be("()");
        PythonText.Fixed(double.NaN, 2).Should().Be("nan");
    }
}
