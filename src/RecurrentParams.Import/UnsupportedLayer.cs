using System;
using RecurrentParams.Internal;

namespace RecurrentParams.Import;

/// <summary>A layer of a model file that the library cannot count, with where it is and why.</summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class UnsupportedLayer
{
    /// <summary>Initializes a description of an unsupported layer.</summary>
    /// <param name="name">The layer's name in the file; not empty.</param>
    /// <param name="className">The layer's class as the file names it, e.g. <c>Conv2D</c>; not empty.</param>
    /// <param name="location">Where the layer is in the file, e.g. <c>$.config.layers[3]</c>; not empty.</param>
    /// <param name="reason">Why it cannot be counted, e.g. <c>no such layer in RecurrentParams</c>; not empty.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An argument is empty.</exception>
    public UnsupportedLayer(string name, string className, string location, string reason)
    {
        Name = Guard.NotEmpty(name, nameof(name));
        ClassName = Guard.NotEmpty(className, nameof(className));
        Location = Guard.NotEmpty(location, nameof(location));
        Reason = Guard.NotEmpty(reason, nameof(reason));
    }

    /// <summary>Gets the layer's name in the file.</summary>
    /// <value>Not empty.</value>
    public string Name { get; }

    /// <summary>Gets the layer's class as the file names it.</summary>
    /// <value>For example <c>Conv2D</c> or <c>Lambda</c>.</value>
    public string ClassName { get; }

    /// <summary>Gets where the layer is in the file.</summary>
    /// <value>A JSON path such as <c>$.config.layers[3]</c>.</value>
    public string Location { get; }

    /// <summary>Gets why the layer cannot be counted.</summary>
    /// <value>One short clause, e.g. <c>dilation_rate other than 1</c>.</value>
    public string Reason { get; }

    /// <summary>Formats the layer as <c>'conv2d' (Conv2D) at $.config.layers[3]: no such layer in RecurrentParams</c>.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => "'" + Name + "' (" + ClassName + ") at " + Location + ": " + Reason;
}
