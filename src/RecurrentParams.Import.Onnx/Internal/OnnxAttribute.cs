namespace RecurrentParams.Import.Onnx.Internal;

/// <summary>The parts of a node's <c>AttributeProto</c> the summary uses; floats are counted, never read, and subgraphs are skipped.</summary>
internal sealed class OnnxAttribute
{
    /// <summary>The most integers of one <c>ints</c> attribute kept (a perm, axes, a shape); longer lists are only counted.</summary>
    public const int MaxKeptInts = 64;

    /// <summary>Gets or sets the attribute's name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the <c>i</c> field.</summary>
    public long? Int { get; set; }

    /// <summary>Gets or sets the <c>s</c> field, as UTF-8 text.</summary>
    public string? Text { get; set; }

    /// <summary>Gets or sets a value indicating whether the <c>f</c> field is present.</summary>
    public bool HasFloat { get; set; }

    /// <summary>Gets or sets how many values the <c>floats</c> field holds.</summary>
    public long FloatsCount { get; set; }

    /// <summary>Gets or sets a value indicating whether the <c>floats</c> field is present (possibly empty).</summary>
    public bool HasFloats { get; set; }

    /// <summary>Gets or sets how many values the <c>ints</c> field holds.</summary>
    public long IntsCount { get; set; }

    /// <summary>Gets or sets a value indicating whether the <c>ints</c> field is present (possibly empty).</summary>
    public bool HasInts { get; set; }

    /// <summary>Gets or sets the <c>ints</c> values (empty when the field is absent), or <see langword="null"/> when there are more than <see cref="MaxKeptInts"/>.</summary>
    public long[]? Ints { get; set; }

    /// <summary>Gets or sets the <c>strings</c> values as UTF-8 text (an LSTM's <c>activations</c>), or <see langword="null"/> when the field is absent or holds more than <see cref="MaxKeptInts"/>.</summary>
    public string[]? Strings { get; set; }

    /// <summary>Gets or sets the <c>t</c> or <c>sparse_tensor</c> field.</summary>
    public OnnxTensor? Tensor { get; set; }
}
