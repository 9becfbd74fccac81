using System;
using System.Diagnostics.CodeAnalysis;

namespace RecurrentParams.Import.Internal;

/// <summary>Throw helpers: every reader reports problems as <see cref="ModelFormatException"/>.</summary>
internal static class Fail
{
    [DoesNotReturn]
    public static T At<T>(string location, string message, Exception? inner = null) =>
        throw new ModelFormatException(message, location, inner);

    public static ModelFormatException Error(string location, string message, Exception? inner = null) =>
        new(message, location, inner);

    public static string Byte(long offset) => "byte " + offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
