using System;
using System.Diagnostics.CodeAnalysis;

namespace RecurrentParams.Import.Internal;

/// <summary>Argument checks at the public edge; the throwing lives in small helpers off the hot path.</summary>
internal static class Guard
{
    public static T NotNull<T>([NotNull] T? value, string paramName)
        where T : class =>
        value ?? throw new ArgumentNullException(paramName);

    public static string NotEmpty([NotNull] string? value, string paramName) =>
        NotNull(value, paramName).Length == 0 ? throw new ArgumentException("'" + paramName + "' must not be empty.", paramName) : value;
}
