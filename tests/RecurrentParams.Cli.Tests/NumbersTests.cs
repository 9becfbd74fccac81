using FluentAssertions;
using Xunit;

namespace RecurrentParams.Cli.Tests;

public sealed class NumbersTests
{
    [Theory]
    [InlineData("1", 1)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("007", 7)]
    public void ParseSize_WholeNumberInRange_IsRead(string text, int expected)
    {
        Numbers.ParseSize(text, "--units", 1, int.MaxValue, out string? error).Should().Be(expected);
        error.Should().BeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("+4")]
    [InlineData(" 4")]
    [InlineData("1e3")]
    [InlineData("2147483648")]
    [InlineData("٣")]
    public void ParseSize_AnythingElse_SaysTheRangeAndWhatWasTyped(string text)
    {
        Numbers.ParseSize(text, "--units", 1, int.MaxValue, out string? error).Should().Be(0);
        error.Should().Be("--units must be a whole number from 1 to 2,147,483,647; got '" + text + "'.");
    }

    [Theory]
    [InlineData("0", false, 0L)]
    [InlineData("1000000", false, 1_000_000L)]
    [InlineData("5k", false, 5_000L)]
    [InlineData("5K", false, 5_000L)]
    [InlineData("5M", false, 5_000_000L)]
    [InlineData("2G", false, 2_000_000_000L)]
    [InlineData("3T", false, 3_000_000_000_000L)]
    [InlineData("9223372036854775807", false, long.MaxValue)]
    [InlineData("64B", true, 64L)]
    [InlineData("500kB", true, 500_000L)]
    [InlineData("20MB", true, 20_000_000L)]
    [InlineData("64MiB", true, 64L << 20)]
    [InlineData("1KiB", true, 1024L)]
    [InlineData("3GiB", true, 3L << 30)]
    [InlineData("2Ti", true, 2L << 40)]
    [InlineData("7", true, 7L)]
    public void ParseBudget_NumbersAndSuffixes_AreRead(string text, bool bytes, long expected)
    {
        Numbers.ParseBudget(text, "--max", bytes, out string? error).Should().Be(expected);
        error.Should().BeNull();
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("M", false)]
    [InlineData("5m", false)]
    [InlineData("5MB", false)]
    [InlineData("5MiB", false)]
    [InlineData("1e6", false)]
    [InlineData("-5", false)]
    [InlineData("9223372036854775808", false)]
    [InlineData("9223372036854776k", false)]
    [InlineData("B", true)]
    [InlineData("5XB", true)]
    [InlineData("5Xi", true)]
    [InlineData("8388608TiB", true)]
    public void ParseBudget_AnythingElse_ExplainsTheForm(string text, bool bytes)
    {
        Numbers.ParseBudget(text, "--max", bytes, out string? error).Should().Be(0);
        error.Should().StartWith("'" + text + "' is not a " + (bytes ? "size" : "count") + " for --max: ");
    }

    [Fact]
    public void Grouped_UsesCommasWhateverTheCulture()
    {
        System.Globalization.CultureInfo previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Numbers.Grouped(3_784_580L).Should().Be("3,784,580");
            Numbers.Grouped((System.Int128)long.MaxValue * 2).Should().Be("18,446,744,073,709,551,614");
            Numbers.Plain(-5).Should().Be("-5");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }
}
