using System.Collections.Generic;

namespace RecurrentParams.Import.Internal;

/// <summary>The framework family a Keras topology comes from: it decides defaults and the frozen-layer rule.</summary>
internal enum KerasFamily
{
    /// <summary>Keras 1.x (<c>output_dim</c>, <c>keras_version</c> 1.x).</summary>
    Keras1,

    /// <summary>Keras 2.x and tf.keras.</summary>
    Keras2,

    /// <summary>Keras 3 (<c>module</c> / <c>registered_name</c>, <c>keras_version</c> 3.x).</summary>
    Keras3,

    /// <summary>TensorFlow.js (<c>keras_version</c> <c>tfjs-layers ...</c>).</summary>
    Tfjs,
}

/// <summary>
/// The state of one read of a Keras topology: its family and options, and the layers it cannot count (each with its
/// location and reason). Without <see cref="ModelReaderOptions.Strict"/> such a layer becomes a row counted as a lower
/// bound; with it, the read throws once the topology is parsed, naming them all.
/// </summary>
internal sealed class KerasReading
{
    private readonly List<UnsupportedLayer> unsupported = [];
    private readonly HashSet<string> recorded = [];

    public KerasReading(KerasFamily family, bool gruResetAfterDefault, ModelReaderOptions options)
    {
        Family = family;
        GruResetAfterDefault = gruResetAfterDefault;
        Options = options;
    }

    public KerasFamily Family { get; }

    public bool Keras1 => Family == KerasFamily.Keras1;

    /// <summary>
    /// Gets a value indicating whether a layer's weights follow only the <c>trainable</c> of the layer that owns them (Keras 3,
    /// TensorFlow.js: a wrapper or nested model frozen in its own configuration leaves its inner layers' weights trainable),
    /// rather than every enclosing layer's too (Keras 2 / tf.keras and Keras 1 gather no trainable weights below a frozen layer).
    /// </summary>
    public bool OwnerRule => Family is KerasFamily.Keras3 or KerasFamily.Tfjs;

    public bool GruResetAfterDefault { get; }

    public ModelReaderOptions Options { get; }

    public IReadOnlyList<UnsupportedLayer> Unsupported => unsupported;

    /// <summary>Records a layer the library cannot count (once per location).</summary>
    public void Record(string name, string className, string location, string reason)
    {
        if (recorded.Add(location))
        {
            unsupported.Add(new UnsupportedLayer(name, className, location, reason));
        }
    }

    /// <summary>The result of a layer that cannot be counted, recorded with its reason.</summary>
    public NodeResult Uncounted(KerasNode node, string reason)
    {
        Record(node.Name, node.ClassName, node.Path, reason);
        return NodeResult.Uncounted;
    }

    /// <summary>With <see cref="ModelReaderOptions.Strict"/>, refuses a topology that has layers the library cannot count.</summary>
    public void ThrowIfStrict()
    {
        if (Options.Strict && unsupported.Count > 0)
        {
            throw new ModelFormatException(unsupported);
        }
    }
}
