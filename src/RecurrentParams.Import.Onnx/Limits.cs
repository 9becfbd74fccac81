using System.Globalization;

namespace RecurrentParams.Import.Onnx;

/// <summary>Refusals for the limits of <see cref="ModelReaderOptions"/>, worded as the other readers word them.</summary>
internal static class Limits
{
    public static ModelFormatException Exceeded(string location, string found, long limit, string unit, string property) =>
        new(string.Format(CultureInfo.InvariantCulture, "{0}: more than the {1:N0} {2} ModelReaderOptions.{3} allows (raise it for a file you trust)", found, limit, unit, property), location, null);
}
