using System;
using System.Globalization;
using RecurrentParams.Internal;

namespace RecurrentParams.Rendering;

/// <summary>Byte counts as Keras 3 prints them.</summary>
internal static class ByteSize
{
    /// <summary>Formats a byte count in 1024-based units with two decimals, as Keras 3 does: <c>640.00 B</c>, <c>9.79 KB</c>, <c>1.50 GB</c>.</summary>
    /// <param name="bytes">The byte count, 0 or more.</param>
    /// <returns>The formatted size, in the invariant culture.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bytes"/> is negative.</exception>
    public static string Format(long bytes)
    {
        if (bytes < 0)
        {
            Guard.ThrowOutOfRange(nameof(bytes), bytes, "must be 0 or more");
        }

        string[] units = ["B", "KB", "MB", "GB", "TB", "PB"];
        double size = bytes;
        foreach (string unit in units)
        {
            if (size / 1024 < 1)
            {
                return size.ToString("F2", CultureInfo.InvariantCulture) + " " + unit;
            }

            size /= 1024;
        }

        return size.ToString("F2", CultureInfo.InvariantCulture) + " " + units[units.Length - 1];
    }
}
