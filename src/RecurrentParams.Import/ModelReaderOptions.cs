using System;
using System.Globalization;
using RecurrentParams.Internal;

namespace RecurrentParams.Import;

/// <summary>Limits and choices for reading model files: how much a reader may read, nest, list or inflate before it refuses a file, and how it treats layers it cannot count.</summary>
/// <remarks>
/// <para>Like <c>System.Text.Json</c>'s <c>JsonReaderOptions</c>, the defaults are safe for files from strangers and
/// generous for every real model file; raise a limit when a trusted file needs more. A file past a limit is refused
/// with a <see cref="ModelFormatException"/> that names the limit and this type's property that raises it.</para>
/// <para>Instances are immutable and thread-safe; <c>with</c> and <c>new</c> both validate.</para>
/// </remarks>
public sealed record ModelReaderOptions
{
    private readonly long maxDocumentBytes = 64L * 1024 * 1024;
    private readonly int maxDepth = 128;
    private readonly int maxLayers = 100_000;
    private readonly int maxTensors = 1_000_000;
    private readonly int maxNameLength = 4096;
    private readonly long maxInflatedBytes = 64L * 1024 * 1024;
    private readonly long maxBufferedBytes = 256L * 1024 * 1024;
    private readonly long maxWeightBytes = 256L * 1024 * 1024;

    /// <summary>Gets the options every reader uses when none are given.</summary>
    /// <value>The defaults listed on each property.</value>
    public static ModelReaderOptions Default { get; } = new();

    /// <summary>Gets the most bytes a reader reads of one document it must parse whole: topology JSON, a <c>config.json</c>, a safetensors header, a pickle, an ONNX graph without its tensor data.</summary>
    /// <value>Default 64 MiB; at least 1 and at most <see cref="int.MaxValue"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">On init: the value is outside that range.</exception>
    public long MaxDocumentBytes
    {
        get => maxDocumentBytes;
        init => maxDocumentBytes = InRange(value, 1, int.MaxValue, nameof(MaxDocumentBytes));
    }

    /// <summary>Gets the deepest nesting a reader follows: JSON levels, nested models and wrappers, pickle containers, ONNX subgraphs.</summary>
    /// <value>Default 128; at least 1 and at most 4096.</value>
    /// <exception cref="ArgumentOutOfRangeException">On init: the value is outside that range.</exception>
    public int MaxDepth
    {
        get => maxDepth;
        init => maxDepth = (int)InRange(value, 1, 4096, nameof(MaxDepth));
    }

    /// <summary>Gets the most layers, nodes or modules one model may have.</summary>
    /// <value>Default 100,000; at least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">On init: the value is less than 1.</exception>
    public int MaxLayers
    {
        get => maxLayers;
        init => maxLayers = (int)InRange(value, 1, int.MaxValue, nameof(MaxLayers));
    }

    /// <summary>Gets the most tensors (weights, initializers, storages) one file may list.</summary>
    /// <value>Default 1,000,000; at least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">On init: the value is less than 1.</exception>
    public int MaxTensors
    {
        get => maxTensors;
        init => maxTensors = (int)InRange(value, 1, int.MaxValue, nameof(MaxTensors));
    }

    /// <summary>Gets the longest name (layer, tensor, module, attribute) a reader accepts, in UTF-16 code units.</summary>
    /// <value>Default 4,096; at least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">On init: the value is less than 1.</exception>
    public int MaxNameLength
    {
        get => maxNameLength;
        init => maxNameLength = (int)InRange(value, 1, int.MaxValue, nameof(MaxNameLength));
    }

    /// <summary>Gets the most bytes a reader inflates from one compressed entry (a deflated <c>model.weights.h5</c> in a <c>.keras</c> archive); past it, the check that needs the entry is skipped and the summary says why.</summary>
    /// <value>Default 64 MiB; at least 0 (0 never inflates) and at most <see cref="int.MaxValue"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">On init: the value is outside that range.</exception>
    public long MaxInflatedBytes
    {
        get => maxInflatedBytes;
        init => maxInflatedBytes = InRange(value, 0, int.MaxValue, nameof(MaxInflatedBytes));
    }

    /// <summary>Gets the most bytes a reader copies into memory from a stream that cannot seek, when the format must be read out of order (a <c>.keras</c> zip, an <c>.h5</c> file); these bytes are present, not claimed, so the buffer grows only with what arrives.</summary>
    /// <value>Default 256 MiB; at least 1 and at most <see cref="int.MaxValue"/>. Pass a seekable stream or a path to read larger files without a copy.</value>
    /// <exception cref="ArgumentOutOfRangeException">On init: the value is outside that range.</exception>
    public long MaxBufferedBytes
    {
        get => maxBufferedBytes;
        init => maxBufferedBytes = InRange(value, 1, int.MaxValue, nameof(MaxBufferedBytes));
    }

    /// <summary>Gets the most bytes of weight values the <c>ReadWeights</c> methods read from one file, counted in the file's own encoding (4 per float32).</summary>
    /// <value>Default 256 MiB; between 0 and <see cref="long.MaxValue"/>. A file whose weights take more is refused before any value is read.</value>
    /// <exception cref="ArgumentOutOfRangeException">On init: the value is negative.</exception>
    public long MaxWeightBytes
    {
        get => maxWeightBytes;
        init => maxWeightBytes = InRange(value, 0, long.MaxValue, nameof(MaxWeightBytes));
    }

    /// <summary>Gets a value indicating whether a layer the library cannot count makes the reader throw instead of listing it as unknown.</summary>
    /// <value>Default <see langword="false"/>: the layer is a row counted from its stored weights when the file has them, otherwise an unknown row, and the total is marked as a lower bound.</value>
    public bool Strict { get; init; }

    private static long InRange(long value, long min, long max, string name)
    {
        if (value < min || value > max)
        {
            Guard.ThrowOutOfRange(name, value, string.Format(CultureInfo.InvariantCulture, "must be between {0} and {1}", min, max));
        }

        return value;
    }
}
