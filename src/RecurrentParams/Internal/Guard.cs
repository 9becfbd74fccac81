using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace RecurrentParams.Internal;

/// <summary>Argument checks at the public edge; the throwing lives in small helpers off the hot path.</summary>
internal static class Guard
{
    public static void Positive(int value, string paramName)
    {
        if (value < 1)
        {
            ThrowOutOfRange(paramName, value, "must be at least 1");
        }
    }

    public static void NotNegative(int value, string paramName)
    {
        if (value < 0)
        {
            ThrowOutOfRange(paramName, value, "must be 0 or more");
        }
    }

    public static void ProjectionSize(int projSize, int hiddenSize)
    {
        if (projSize < 0 || (projSize > 0 && projSize >= hiddenSize))
        {
            ThrowProjectionSize(projSize, hiddenSize);
        }
    }

    public static T NotNull<T>([NotNull] T? value, string paramName)
        where T : class
    {
        if (value is null)
        {
            ThrowNull(paramName);
        }

        return value;
    }

    public static string NotEmpty([NotNull] string? value, string paramName)
    {
        if (NotNull(value, paramName).Length == 0)
        {
            ThrowArgument(paramName, "'" + paramName + "' must not be empty.");
        }

        return value;
    }

    [DoesNotReturn]
    public static void ThrowOutOfRange(string paramName, object actualValue, string rule) =>
        throw new ArgumentOutOfRangeException(
            paramName,
            actualValue,
            string.Format(CultureInfo.InvariantCulture, "'{0}' {1}; got {2}.", paramName, rule, actualValue));

    [DoesNotReturn]
    public static void ThrowProjectionSize(int projSize, int hiddenSize) =>
        throw new ArgumentOutOfRangeException(
            nameof(projSize),
            projSize,
            string.Format(
                CultureInfo.InvariantCulture,
                "'projSize' must be 0 (no projection) or between 1 and hiddenSize - 1 = {0}; got {1}.",
                hiddenSize - 1L,
                projSize));

    [DoesNotReturn]
    public static void ThrowArgument(string paramName, string message) =>
        throw new ArgumentException(message, paramName);

    [DoesNotReturn]
    private static void ThrowNull(string paramName) =>
        throw new ArgumentNullException(paramName, string.Format(CultureInfo.InvariantCulture, "'{0}' must not be null.", paramName));
}
