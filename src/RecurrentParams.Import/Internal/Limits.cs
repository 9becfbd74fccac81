using System.Globalization;

namespace RecurrentParams.Import.Internal;

/// <summary>Refusals for the limits of <see cref="ModelReaderOptions"/>: each names the limit and the property that raises it.</summary>
internal static class Limits
{
    /// <summary>"{found}: more than the {limit} {unit} ModelReaderOptions.{property} allows".</summary>
    /// <param name="location">Where in the file, as <see cref="ModelFormatException.Location"/>.</param>
    /// <param name="found">What the file has or claims, e.g. <c>the header claims 100,000,000 bytes</c>.</param>
    /// <param name="limit">The limit's value.</param>
    /// <param name="unit">What the limit counts, e.g. <c>bytes</c>, <c>tensors</c>, <c>levels</c>.</param>
    /// <param name="property">The name of the <see cref="ModelReaderOptions"/> property that sets it.</param>
    public static ModelFormatException Exceeded(string location, string found, long limit, string unit, string property) =>
        Fail.Error(location, Message(found, limit, unit, property));

    public static string Message(string found, long limit, string unit, string property) =>
        string.Format(CultureInfo.InvariantCulture, "{0}: more than the {1:N0} {2} ModelReaderOptions.{3} allows (raise it for a file you trust)", found, limit, unit, property);

    /// <summary>Refuses a name longer than <see cref="ModelReaderOptions.MaxNameLength"/>.</summary>
    public static string Name(string name, ModelReaderOptions options, string location)
    {
        if (name.Length > options.MaxNameLength)
        {
            throw Exceeded(location, string.Format(CultureInfo.InvariantCulture, "a name of {0:N0} characters", name.Length), options.MaxNameLength, "characters", nameof(ModelReaderOptions.MaxNameLength));
        }

        return name;
    }

    /// <summary>Refuses the <paramref name="count"/>-th tensor when it is past <see cref="ModelReaderOptions.MaxTensors"/>.</summary>
    public static void Tensors(long count, ModelReaderOptions options, string location)
    {
        if (count > options.MaxTensors)
        {
            throw Exceeded(location, "the file lists " + count.ToString("N0", CultureInfo.InvariantCulture) + " tensors or more", options.MaxTensors, "tensors", nameof(ModelReaderOptions.MaxTensors));
        }
    }

    /// <summary>Refuses the <paramref name="count"/>-th layer when it is past <see cref="ModelReaderOptions.MaxLayers"/>.</summary>
    public static void Layers(long count, ModelReaderOptions options, string location)
    {
        if (count > options.MaxLayers)
        {
            throw Exceeded(location, "the model has " + count.ToString("N0", CultureInfo.InvariantCulture) + " layers or more", options.MaxLayers, "layers", nameof(ModelReaderOptions.MaxLayers));
        }
    }
}
