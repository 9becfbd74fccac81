using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using RecurrentParams.Import.Internal;
using RecurrentParams.Internal;

namespace RecurrentParams.Import;

/// <summary>What a reader found in a model file: the summary (per-layer rows and totals), the tensors the file stores, and the recurrent modules recovered from them.</summary>
/// <remarks>
/// <para>Readers read metadata only: topology JSON, tensor names, element types and shapes, never the weight values.</para>
/// <para>Where a file holds both a topology and a list of stored weights (TensorFlow.js <c>weightsManifest</c>, the
/// <c>model_weights</c> group of an <c>.h5</c>), both counts are kept: <see cref="ModelSummary.TotalParams"/> of
/// <see cref="Summary"/> from the topology and <see cref="StoredParams"/> from the weights; <see cref="CountsAgree"/>
/// says whether they match.</para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class ImportedModel
{
    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new ReadOnlyDictionary<string, string>(new Dictionary<string, string>());
    private readonly TensorInfo[] tensors;
    private readonly RecoveredModule[] recovered = [];
    private readonly IReadOnlyDictionary<string, string> metadata = NoMetadata;
    private readonly UnsupportedLayer[] unsupported = [];

    /// <summary>Initializes a result.</summary>
    /// <param name="format">The file's format.</param>
    /// <param name="summary">The model's rows and totals.</param>
    /// <param name="tensors">The tensors the file stores, in file order; empty for a topology-only file.</param>
    /// <param name="crossCheck">Whether <paramref name="tensors"/> is a list of stored weights kept apart from the topology (TensorFlow.js <c>weightsManifest</c>, an <c>.h5</c>'s <c>model_weights</c>), to be cross-checked against the summary: then <see cref="StoredParams"/> is their sum, even when the list is empty, and the summary's rows that the topology could not count (<see cref="CountBasis.LowerBound"/>) are counted from the tensors stored for their layer (<see cref="CountBasis.StoredWeights"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/>, <paramref name="tensors"/> or an element is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined value.</exception>
    /// <exception cref="OverflowException">The stored tensors hold more than <see cref="long.MaxValue"/> elements, or a statistic a renderer of <paramref name="summary"/> prints (a byte size, torchinfo's mult-adds or memory estimate) does not fit in a <see cref="long"/>: a result is always one that renders in every <see cref="SummaryFormat"/> of its convention.</exception>
    public ImportedModel(ModelFileFormat format, ModelSummary summary, IEnumerable<TensorInfo> tensors, bool crossCheck)
    {
        if (format is < ModelFileFormat.KerasJson or > ModelFileFormat.TorchLegacyCheckpoint)
        {
            Guard.ThrowOutOfRange(nameof(format), format, "must be a defined ModelFileFormat");
        }

        Summary = Guard.NotNull(summary, nameof(summary));
        this.tensors = Guard.NotNull(tensors, nameof(tensors)).ToArray();
        long stored = 0;
        foreach (TensorInfo tensor in this.tensors)
        {
            stored = checked(stored + Guard.NotNull(tensor, nameof(tensors)).ElementCount);
        }

        Usable.EnsureRenderable(summary);
        Format = format;
        StoredParams = crossCheck ? stored : null;
        if (crossCheck)
        {
            Summary = StoredWeights.Complete(Summary, this.tensors);
        }
    }

    /// <summary>Gets the file's format.</summary>
    /// <value>The reader that produced this result.</value>
    public ModelFileFormat Format { get; }

    /// <summary>Gets the model's rows and totals.</summary>
    /// <remarks>
    /// With a list of stored weights (<c>crossCheck</c>), a row the topology could not count is counted from the weights the
    /// file stores for its layer and marked <see cref="CountBasis.StoredWeights"/>: a TensorFlow.js manifest or a legacy
    /// <c>.h5</c> names them by the layer's name (<c>attention/W</c>), a Keras 3 weights file by Keras' saving name (the
    /// snake-cased class, <c>layers/attention_pooling/vars/0</c>). When no stored weight names such a row but the stored
    /// total equals the topology's, the row holds none. A frozen row's stored weights, and moving statistics, count as
    /// non-trainable; other stored weights as trainable (files do not record it).
    /// </remarks>
    /// <value>For Keras files the layers of the topology; for ONNX one row per node that owns initializers; for safetensors one row per recovered recurrent module and per group of other tensors.</value>
    public ModelSummary Summary { get; }

    /// <summary>Gets the tensors the file stores, in file order.</summary>
    /// <value>TensorFlow.js weight specs, HDF5 weight datasets, ONNX initializers or safetensors entries; empty for topology-only files.</value>
    public IReadOnlyList<TensorInfo> Tensors => Array.AsReadOnly(tensors);

    /// <summary>Gets the number of elements the file's stored tensors hold.</summary>
    /// <value>The sum of <see cref="Tensors"/>' element counts when the file keeps a weight list apart from its topology (TensorFlow.js, <c>.h5</c> with <c>model_weights</c>); <see langword="null"/> when there is nothing to cross-check: topology-only files, and ONNX and safetensors, whose rows are made from the tensors themselves.</value>
    public long? StoredParams { get; }

    /// <summary>Gets a value indicating whether the topology's count and the stored tensors' count agree.</summary>
    /// <value><see langword="true"/> when <see cref="StoredParams"/> is <see langword="null"/> or equals <see cref="ModelSummary.TotalParams"/>.</value>
    public bool CountsAgree => StoredParams is not long stored || stored == Summary.TotalParams;

    /// <summary>Gets the recurrent modules recovered from the tensors' names and shapes.</summary>
    /// <value>Empty unless the file stores PyTorch-named recurrent weights (<c>weight_ih_l0</c>, ...; see <see cref="TorchArchitecture.Recover"/>) or is a Keras weights-only file (see <see cref="KerasArchitecture.Recover"/>).</value>
    public IReadOnlyList<RecoveredModule> Recovered
    {
        get => Array.AsReadOnly(recovered);
        init => recovered = Guard.NotNull(value, nameof(value)).ToArray();
    }

    /// <summary>Gets the layers of the file that the library could not count from their configuration, each with its location and the reason.</summary>
    /// <value>
    /// Empty when every layer was counted. Each is a row of <see cref="Summary"/> with <see cref="CountBasis.LowerBound"/>, or
    /// <see cref="CountBasis.StoredWeights"/> when the file stores its weights; layers that only follow one (their input
    /// shape is unknown) are listed too. With <see cref="ModelReaderOptions.Strict"/> the readers throw instead.
    /// </value>
    /// <exception cref="ArgumentNullException">On init: the list or an element is <see langword="null"/>.</exception>
    public IReadOnlyList<UnsupportedLayer> UnsupportedLayers
    {
        get => Array.AsReadOnly(unsupported);
        init => unsupported = Guard.NotNull(value, nameof(value)).Select(l => Guard.NotNull(l, nameof(value))).ToArray();
    }

    /// <summary>Gets the PyTorch module tree the file's tensor names describe.</summary>
    /// <value>
    /// For safetensors and PyTorch checkpoints (a state dict, or a whole pickled module's parameters and buffers), the
    /// tensor names rebuilt as modules by <see cref="TorchArchitecture.RecoverModuleTree"/>: summarize it as torchinfo does
    /// without an input with <c>new TorchModelBuilder(model.Module).Build()</c>, or print it as <c>print(model)</c> with
    /// <c>model.Module.ToString()</c>. <see langword="null"/> for the other formats.
    /// </value>
    public Torch.TorchModule? Module { get; init; }

    /// <summary>Gets what the file says about itself: producer, versions, user metadata.</summary>
    /// <value>For example <c>keras_version</c>, <c>producer_name</c>, <c>opset.ai.onnx</c> or a safetensors <c>__metadata__</c> entry; empty when there is none.</value>
    public IReadOnlyDictionary<string, string> Metadata
    {
        get => metadata;
        init => metadata = new ReadOnlyDictionary<string, string>(Guard.NotNull(value, nameof(value)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
    }
}
