using System;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Torch;

namespace RecurrentParams;

/// <summary>Builds a PyTorch model: runs <c>torch.nn</c> modules one after another on an input, inferring each module's input from the previous output, and builds its immutable <see cref="ModelSummary"/>.</summary>
/// <remarks>
/// <para>Start with <see cref="Input(int[])"/> (the input size as torchinfo takes it, batch included), add modules with
/// the fluent methods or <see cref="Add"/>, then call <see cref="ModelBuilder.Build"/>. The summary's
/// <see cref="ModelSummary.Convention"/> is <see cref="Convention.Torch"/>; it renders as torchinfo prints it.</para>
/// <para>A builder is mutable and not thread-safe. <see cref="ModelBuilder.Build"/> snapshots: adding modules afterwards
/// never changes a summary already built, and the builder can go on.</para>
/// </remarks>
public sealed class TorchModelBuilder : ModelBuilder
{
    /// <summary>Initializes a builder for a PyTorch model.</summary>
    /// <param name="className">The model's class name, torchinfo's first row (e.g. <c>LSTMModel</c>); not empty.</param>
    /// <param name="formulas">The formulas recurrent modules are counted with; <see langword="null"/> for <see cref="FormulaRegistry.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="className"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="className"/> is empty.</exception>
    public TorchModelBuilder(string className, FormulaRegistry? formulas = null)
        : base(Guard.NotEmpty(className, nameof(className)), Convention.Torch, formulas)
    {
    }

    /// <inheritdoc/>
    private protected override string InputRemedy => "call Input(size) with the input size torchinfo takes";

    /// <summary>Sets the input size as torchinfo takes it, batch included, e.g. <c>(1, 7, 5)</c>.</summary>
    /// <param name="size">The dimensions, each at least 1.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="size"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="size"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has an input already.</exception>
    public TorchModelBuilder Input(params int[] size) => Input(ElementType.Float32, size);

    /// <summary>Sets the input size and element type as torchinfo takes them, e.g. token ids of <see cref="ElementType.Int64"/>.</summary>
    /// <param name="elementType">The input's element type (torchinfo's <c>dtypes</c>), which sets the input size in bytes.</param>
    /// <param name="size">The dimensions, each at least 1.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="size"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="size"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is less than 1, or <paramref name="elementType"/> is not defined.</exception>
    /// <exception cref="InvalidOperationException">The model has an input already.</exception>
    public TorchModelBuilder Input(ElementType elementType, params int[] size)
    {
        ElementTypes.Size(elementType);
        Guard.NotNull(size, nameof(size));
        if (size.Length == 0)
        {
            Guard.ThrowArgument(nameof(size), "'size' must hold at least the batch dimension.");
        }

        var dims = new long?[size.Length];
        for (int k = 0; k < size.Length; k++)
        {
            Guard.Positive(size[k], nameof(size));
            dims[k] = size[k];
        }

        SetInput(new OutputShape(dims), null, elementType);
        return this;
    }

    /// <summary>Appends a module; its input is the previous module's main output.</summary>
    /// <param name="module">The module, built in or user-defined (derived from <see cref="TorchModule"/>).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="module"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public TorchModelBuilder Add(TorchModule module)
    {
        AddLayer(Guard.NotNull(module, nameof(module)));
        return this;
    }

    /// <summary>Freezes the module added last: its parameters stop requiring gradients, as <c>requires_grad_(False)</c>.</summary>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">No module has been added yet.</exception>
    /// <remarks>torchinfo then counts them under "Non-trainable params" and shows the row's count in parentheses.</remarks>
    public TorchModelBuilder Freeze()
    {
        FreezeLast();
        return this;
    }

    /// <summary>Appends an <c>nn.Embedding</c>.</summary>
    /// <param name="numEmbeddings"><c>num_embeddings</c> (vocabulary size), at least 1.</param>
    /// <param name="embeddingDim"><c>embedding_dim</c>, at least 1.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public TorchModelBuilder Embedding(int numEmbeddings, int embeddingDim, string? name = null) => Add(new Torch.Embedding(numEmbeddings, embeddingDim, name));

    /// <summary>Appends an <c>nn.RNN</c>; <c>input_size</c> is the previous output's last dimension.</summary>
    /// <param name="hiddenSize"><c>hidden_size</c>, at least 1.</param>
    /// <param name="numLayers"><c>num_layers</c>, at least 1.</param>
    /// <param name="bias"><c>bias</c>.</param>
    /// <param name="bidirectional"><c>bidirectional</c>.</param>
    /// <param name="batchFirst"><c>batch_first</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public TorchModelBuilder Rnn(int hiddenSize, int numLayers = 1, bool bias = true, bool bidirectional = false, bool batchFirst = false, string? name = null) =>
        Add(new Recurrent(CellType.SimpleRnn, hiddenSize, numLayers, bias, bidirectional, 0, batchFirst, name));

    /// <summary>Appends an <c>nn.LSTM</c>; <c>input_size</c> is the previous output's last dimension.</summary>
    /// <param name="hiddenSize"><c>hidden_size</c>, at least 1.</param>
    /// <param name="numLayers"><c>num_layers</c>, at least 1.</param>
    /// <param name="bias"><c>bias</c>.</param>
    /// <param name="bidirectional"><c>bidirectional</c>.</param>
    /// <param name="projSize"><c>proj_size</c>: 0 or 1 to <paramref name="hiddenSize"/> − 1.</param>
    /// <param name="batchFirst"><c>batch_first</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public TorchModelBuilder Lstm(int hiddenSize, int numLayers = 1, bool bias = true, bool bidirectional = false, int projSize = 0, bool batchFirst = false, string? name = null) =>
        Add(new Recurrent(CellType.Lstm, hiddenSize, numLayers, bias, bidirectional, projSize, batchFirst, name));

    /// <summary>Appends an <c>nn.GRU</c>; <c>input_size</c> is the previous output's last dimension.</summary>
    /// <param name="hiddenSize"><c>hidden_size</c>, at least 1.</param>
    /// <param name="numLayers"><c>num_layers</c>, at least 1.</param>
    /// <param name="bias"><c>bias</c>.</param>
    /// <param name="bidirectional"><c>bidirectional</c>.</param>
    /// <param name="batchFirst"><c>batch_first</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public TorchModelBuilder Gru(int hiddenSize, int numLayers = 1, bool bias = true, bool bidirectional = false, bool batchFirst = false, string? name = null) =>
        Add(new Recurrent(CellType.Gru, hiddenSize, numLayers, bias, bidirectional, 0, batchFirst, name));

    /// <summary>Appends an <c>nn.Linear</c> on the last dimension; <c>in_features</c> is the previous output's last dimension.</summary>
    /// <param name="outFeatures"><c>out_features</c>, at least 1.</param>
    /// <param name="bias"><c>bias</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outFeatures"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public TorchModelBuilder Linear(int outFeatures, bool bias = true, string? name = null) => Add(new Linear(outFeatures, bias, name));

    /// <summary>Appends an <c>nn.LayerNorm</c> over the last <paramref name="normalizedDims"/> dimensions.</summary>
    /// <param name="elementwiseAffine"><c>elementwise_affine</c>.</param>
    /// <param name="normalizedDims">How many trailing dimensions <c>normalized_shape</c> covers, at least 1.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="normalizedDims"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public TorchModelBuilder LayerNorm(bool elementwiseAffine = true, int normalizedDims = 1, string? name = null) => Add(new LayerNorm(elementwiseAffine, normalizedDims, name));

    /// <summary>Appends an <c>nn.BatchNorm1d</c>.</summary>
    /// <param name="affine"><c>affine</c>.</param>
    /// <param name="featuresLast">Whether the forward pass transposes a <c>(batch, time, features)</c> tensor around the module, so that it normalizes the last dimension.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public TorchModelBuilder BatchNorm1d(bool affine = true, bool featuresLast = false, string? name = null) => Add(new BatchNorm1d(affine, featuresLast, name));

    /// <summary>Appends an <c>nn.Dropout</c>.</summary>
    /// <param name="p"><c>p</c>, in [0, 1].</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in [0, 1].</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public TorchModelBuilder Dropout(double p = 0.5, string? name = null) => Add(new Torch.Dropout(p, name));

    /// <summary>Appends the forward-pass step that keeps the last time step of a sequence; it is not a module and has no row.</summary>
    /// <param name="batchFirst">
    /// <see langword="true"/> (default) for <c>x[:, -1]</c> on a batch-first <c>(batch, time, features)</c> tensor;
    /// <see langword="false"/> for <c>x[-1]</c> on a sequence-first <c>(time, batch, features)</c> one.
    /// </param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public TorchModelBuilder TakeLastTimeStep(bool batchFirst = true) => Add(new LastTimeStep(batchFirst));
}
