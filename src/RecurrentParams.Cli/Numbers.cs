using System;
using System.Globalization;

namespace RecurrentParams.Cli;

/// <summary>Reads the numbers a user types and writes the numbers the tool prints, always in the invariant culture.</summary>
internal static class Numbers
{
    /// <summary>Formats a count with thousands separators, as Keras and torchinfo print counts: <c>3,784,580</c>.</summary>
    /// <param name="value">The count.</param>
    /// <returns>The formatted count.</returns>
    public static string Grouped(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Formats a 128-bit sum with thousands separators.</summary>
    /// <param name="value">The sum.</param>
    /// <returns>The formatted sum.</returns>
    public static string Grouped(Int128 value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Formats a number without separators, as JSON and plain counts print it.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The formatted number.</returns>
    public static string Plain(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses a whole number within a range, for size options such as <c>--units</c>.</summary>
    /// <param name="text">What the user typed.</param>
    /// <param name="option">The option's name, for the message.</param>
    /// <param name="min">The smallest value allowed.</param>
    /// <param name="max">The largest value allowed.</param>
    /// <param name="error">The message when the text is not a whole number in range; otherwise <see langword="null"/>.</param>
    /// <returns>The number, or 0 when <paramref name="error"/> is set.</returns>
    public static int ParseSize(string text, string option, int min, int max, out string? error)
    {
        error = null;
        if (IsDigits(text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max)
        {
            return value;
        }

        error = string.Format(
            CultureInfo.InvariantCulture,
            "{0} must be a whole number from {1} to {2}; got '{3}'.",
            option,
            Grouped(min),
            Grouped(max),
            text);
        return 0;
    }

    /// <summary>Parses a budget: a whole number of at least 0 with an optional decimal suffix (<c>k</c>, <c>M</c>, <c>G</c>, <c>T</c>), or for bytes a binary one (<c>KiB</c>, <c>MiB</c>, <c>GiB</c>, <c>TiB</c>) and a trailing <c>B</c>.</summary>
    /// <param name="text">What the user typed: <c>1000000</c>, <c>1M</c>, <c>64MiB</c>, <c>500kB</c>.</param>
    /// <param name="option">The option's name, for the message.</param>
    /// <param name="bytes">Whether the budget is in bytes (allows the binary suffixes and a trailing <c>B</c>).</param>
    /// <param name="error">The message when the text is not a budget; otherwise <see langword="null"/>.</param>
    /// <returns>The budget, or 0 when <paramref name="error"/> is set.</returns>
    public static long ParseBudget(string text, string option, bool bytes, out string? error)
    {
        error = null;
        string digits = text;
        long unit = 1;
        if (bytes && digits.EndsWith('B'))
        {
            digits = digits[..^1];
        }

        if (bytes && digits.Length > 2 && digits.EndsWith('i'))
        {
            unit = Suffix(digits[^2], binary: true);
            digits = unit == 0 ? text : digits[..^2];
        }
        else if (digits.Length > 1 && !char.IsAsciiDigit(digits[^1]))
        {
            unit = Suffix(digits[^1], binary: false);
            digits = unit == 0 ? text : digits[..^1];
        }

        if (unit > 0 && IsDigits(digits) && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value)
            && value <= long.MaxValue / unit)
        {
            return value * unit;
        }

        error = bytes
            ? "'" + text + "' is not a size for " + option + ": give a whole number of bytes, optionally with k, M, G, T (powers of 1000) or KiB, MiB, GiB, TiB (powers of 1024), at most 9.2 EB."
            : "'" + text + "' is not a count for " + option + ": give a whole number, optionally with k, M, G or T (thousand, million, billion, trillion), at most 9.2e18.";
        return 0;
    }

    private static long Suffix(char suffix, bool binary) => (suffix, binary) switch
    {
        ('k' or 'K', false) => 1_000L,
        ('M', false) => 1_000_000L,
        ('G', false) => 1_000_000_000L,
        ('T', false) => 1_000_000_000_000L,
        ('K', true) => 1L << 10,
        ('M', true) => 1L << 20,
        ('G', true) => 1L << 30,
        ('T', true) => 1L << 40,
        _ => 0,
    };

    private static bool IsDigits(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
