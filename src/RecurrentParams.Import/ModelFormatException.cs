using System;
using System.Collections.Generic;
using System.Linq;
using RecurrentParams.Internal;

namespace RecurrentParams.Import;

/// <summary>The one exception every reader of model files throws for a file it cannot summarize: malformed, truncated, hostile, of another format, or using layers the library cannot count.</summary>
/// <remarks>
/// <para>The message names where the problem is (a JSON path such as <c>$.config.layers[2].config.units</c>, a byte
/// offset, a zip entry or an HDF5 attribute) and what was expected there; <see cref="Location"/> holds the same place.
/// Limits the readers enforce so that no file can make them allocate or loop in proportion to a size it merely claims
/// (header sizes, JSON depth, decompressed sizes, element counts beyond <see cref="long"/>) are reported the same way.</para>
/// <para>A well-formed Keras model that uses a layer the library does not count (e.g. <c>Conv2D</c>, <c>Lambda</c>) is
/// reported with <see cref="UnsupportedLayers"/> naming every such layer; the other layers are never silently skipped.</para>
/// </remarks>
public sealed class ModelFormatException : Exception
{
    private readonly UnsupportedLayer[] unsupported = [];

    /// <summary>Initializes an exception with a default message.</summary>
    public ModelFormatException()
        : base("The model file cannot be summarized.")
    {
    }

    /// <summary>Initializes an exception with a message.</summary>
    /// <param name="message">What is wrong and where.</param>
    public ModelFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What is wrong and where.</param>
    /// <param name="innerException">The exception raised by the parser or the layer, or <see langword="null"/>.</param>
    public ModelFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes an exception for a problem at a known place in the file.</summary>
    /// <param name="message">What is wrong and what was expected; the location is prepended.</param>
    /// <param name="location">Where: a JSON path, <c>byte 1234</c>, a zip entry or an HDF5 attribute.</param>
    /// <param name="innerException">The exception raised by the parser or the layer, or <see langword="null"/>.</param>
    public ModelFormatException(string message, string? location, Exception? innerException)
        : base(location is null ? message : "At " + location + ": " + message, innerException)
    {
        Location = location;
    }

    /// <summary>Initializes an exception for a well-formed model that uses layers the library cannot count.</summary>
    /// <param name="layers">Every unsupported layer, in model order; at least one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="layers"/> or an element is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="layers"/> is empty.</exception>
    public ModelFormatException(IEnumerable<UnsupportedLayer> layers)
        : this(Describe(Checked(layers)), Checked(layers)[0].Location, null)
    {
        unsupported = Checked(layers);
    }

    /// <summary>Gets where in the file the problem is.</summary>
    /// <value>A JSON path (<c>$.config.layers[2]</c>), <c>byte N</c>, a zip entry or an HDF5 attribute; <see langword="null"/> when the file as a whole is at fault.</value>
    public string? Location { get; }

    /// <summary>Gets the layers the library cannot count, when that is the problem.</summary>
    /// <value>Empty unless the file is well formed but uses unsupported layers; then every such layer, in model order.</value>
    public IReadOnlyList<UnsupportedLayer> UnsupportedLayers => Array.AsReadOnly(unsupported);

    private static UnsupportedLayer[] Checked(IEnumerable<UnsupportedLayer> layers)
    {
        UnsupportedLayer[] list = Guard.NotNull(layers, nameof(layers)).ToArray();
        return list.Length == 0 || Array.Exists(list, l => l is null)
            ? throw new ArgumentException("'layers' must hold at least one layer and no null.", nameof(layers))
            : list;
    }

    private static string Describe(UnsupportedLayer[] list)
    {
        return "The model uses " + list.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + (list.Length == 1 ? " layer" : " layers") + " this library cannot count: "
            + string.Join("; ", list.Select(l => l.ToString())) + ".";
    }
}
