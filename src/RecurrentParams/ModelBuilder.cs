using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams;

/// <summary>Stacks layers onto an input and builds an immutable <see cref="ModelSummary"/>, inferring every layer's input from the previous layer's output.</summary>
/// <remarks>
/// <para>Start with an input (<see cref="Input(int?, int)"/>, <see cref="TokenInput"/>, <see cref="InputLayer(int?, int, string)"/> or <see cref="TorchInput(int[])"/>), add
/// layers with the fluent methods or <see cref="Add"/>, then call <see cref="Build"/>. Layers are named as Keras names them
/// (<c>lstm</c>, <c>lstm_1</c>, ...; inner layers of wrappers take names too) unless a name is given.</para>
/// <para>A builder is mutable and not thread-safe. <see cref="Build"/> snapshots: adding layers afterwards never changes a summary already built, and the builder can go on.</para>
/// </remarks>
public sealed class ModelBuilder
{
    private readonly List<Layer> layers = [];
    private readonly HashSet<int> frozen = [];
    private readonly FormulaRegistry formulas;
    private OutputShape? input;
    private string? inputLayerName;
    private ElementType inputElementType;

    /// <summary>Initializes a builder for a Keras model named <c>sequential</c>, as Keras names an unnamed Sequential model.</summary>
    public ModelBuilder()
        : this("sequential")
    {
    }

    /// <summary>Initializes a builder for a Keras model.</summary>
    /// <param name="name">The model's name, shown in the summary's title.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public ModelBuilder(string name)
        : this(name, Convention.Keras)
    {
    }

    /// <summary>Initializes a builder for a model of the given convention.</summary>
    /// <param name="name">The model's name (Keras) or module class name (PyTorch, e.g. <c>LSTMModel</c>).</param>
    /// <param name="convention">The framework whose layers and shapes the model follows.</param>
    /// <param name="formulas">The formulas recurrent layers are counted with; <see langword="null"/> for <see cref="FormulaRegistry.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="convention"/> is not a defined value.</exception>
    public ModelBuilder(string name, Convention convention, FormulaRegistry? formulas = null)
    {
        Guard.NotNull(name, nameof(name));
        if (name.Length == 0)
        {
            Guard.ThrowArgument(nameof(name), "'name' must not be empty.");
        }

        if (convention is not Convention.Keras and not Convention.PyTorch)
        {
            Guard.ThrowOutOfRange(nameof(convention), convention, "must be Convention.Keras or Convention.PyTorch");
        }

        Name = name;
        Convention = convention;
        this.formulas = formulas ?? FormulaRegistry.Default;
    }

    /// <summary>Gets the model's name.</summary>
    /// <value>Not empty.</value>
    public string Name { get; }

    /// <summary>Gets the model's convention.</summary>
    /// <value>Keras or PyTorch.</value>
    public Convention Convention { get; }

    /// <summary>Sets a sequence input <c>(None, timeSteps, features)</c>, as <c>keras.Input((timeSteps, features))</c> in a Sequential model (no row of its own).</summary>
    /// <param name="timeSteps">Time steps, at least 1, or <see langword="null"/> for unknown (Keras' <c>None</c>).</param>
    /// <param name="features">Features per step, at least 1.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has an input already.</exception>
    public ModelBuilder Input(int? timeSteps, int features)
    {
        Guard.Positive(features, nameof(features));
        return SetInput(new OutputShape(null, Steps(timeSteps), features), null);
    }

    /// <summary>Sets any input shape, batch dimension first, e.g. <c>(None, 10, 8, 8, 3)</c> for <see cref="ConvLstm2D"/>.</summary>
    /// <param name="shape">The shape, batch first.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The model has an input already.</exception>
    public ModelBuilder Input(OutputShape shape) => SetInput(Guard.NotNull(shape, nameof(shape)), null);

    /// <summary>Sets an input of token ids <c>(None, timeSteps)</c>, for a model that starts with an <see cref="Embedding"/>.</summary>
    /// <param name="timeSteps">Time steps, at least 1, or <see langword="null"/> for unknown.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeSteps"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has an input already.</exception>
    public ModelBuilder TokenInput(int? timeSteps) => SetInput(new OutputShape(null, Steps(timeSteps)), null, ElementType.Int32);

    /// <summary>Sets a sequence input shown as an <c>InputLayer</c> row, as a Keras Functional model (<c>keras.Model(inputs, outputs)</c>) shows it.</summary>
    /// <param name="timeSteps">Time steps, at least 1, or <see langword="null"/> for unknown.</param>
    /// <param name="features">Features per step, at least 1.</param>
    /// <param name="name">The input's name; Keras 3 calls it <c>input_layer</c>, Keras 2 <c>input_1</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">The model has an input already.</exception>
    public ModelBuilder InputLayer(int? timeSteps, int features, string name = "input_layer")
    {
        Guard.Positive(features, nameof(features));
        Guard.NotNull(name, nameof(name));
        if (name.Length == 0)
        {
            Guard.ThrowArgument(nameof(name), "'name' must not be empty.");
        }

        return SetInput(new OutputShape(null, Steps(timeSteps), features), name);
    }

    /// <summary>Sets any input shape, batch first, shown as an <c>InputLayer</c> row (a Keras Functional model's input).</summary>
    /// <param name="shape">The shape, batch first, e.g. <c>(None, 20)</c> for token ids.</param>
    /// <param name="name">The input's name.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">The model has an input already.</exception>
    public ModelBuilder InputLayer(OutputShape shape, string name)
    {
        Guard.NotNull(shape, nameof(shape));
        Guard.NotNull(name, nameof(name));
        if (name.Length == 0)
        {
            Guard.ThrowArgument(nameof(name), "'name' must not be empty.");
        }

        return SetInput(shape, name);
    }

    /// <summary>Sets the input size of a PyTorch model as torchinfo takes it, batch included, e.g. <c>(1, 7, 5)</c>.</summary>
    /// <param name="size">The dimensions, each at least 1.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="size"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="size"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has an input already.</exception>
    public ModelBuilder TorchInput(params int[] size) => TorchInput(ElementType.Float32, size);

    /// <summary>Sets the input size and element type of a PyTorch model as torchinfo takes them, e.g. token ids of <see cref="ElementType.Int64"/>.</summary>
    /// <param name="elementType">The input's element type (torchinfo's <c>dtypes</c>), which sets the input size in bytes.</param>
    /// <param name="size">The dimensions, each at least 1.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="size"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="size"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is less than 1, or <paramref name="elementType"/> is not defined.</exception>
    /// <exception cref="InvalidOperationException">The model has an input already.</exception>
    public ModelBuilder TorchInput(ElementType elementType, params int[] size)
    {
        ModelSummary.ElementSize(elementType);
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

        return SetInput(new OutputShape(dims), null, elementType);
    }

    /// <summary>Appends a layer; its input is the previous layer's main output.</summary>
    /// <param name="layer">The layer, built in or user-defined.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="layer"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public ModelBuilder Add(Layer layer)
    {
        Guard.NotNull(layer, nameof(layer));
        if (input is null)
        {
            throw new InvalidOperationException(string.Format(
                CultureInfo.InvariantCulture,
                "Layer '{0}' ({1}, index {2}) was added before any input; call Input(timeSteps, features), TokenInput, InputLayer or TorchInput first.",
                layer.Name ?? layer.NameBase,
                layer.ClassName,
                layers.Count));
        }

        layers.Add(layer);
        return this;
    }

    /// <summary>Freezes the layer added last: its weights become non-trainable, as Keras' <c>layer.trainable = False</c> or PyTorch's <c>requires_grad_(False)</c>.</summary>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">No layer has been added yet.</exception>
    /// <remarks>Keras then counts the layer under "Non-trainable params"; torchinfo shows its count in parentheses.</remarks>
    public ModelBuilder Freeze()
    {
        if (layers.Count == 0)
        {
            throw new InvalidOperationException("Freeze() freezes the layer added last, but the model '" + Name + "' has no layer yet; add one first.");
        }

        frozen.Add(layers.Count - 1);
        return this;
    }

    /// <summary>Appends a Keras <c>SimpleRNN</c>.</summary>
    /// <param name="units">Keras <c>units</c>, at least 1.</param>
    /// <param name="returnSequences">Keras <c>return_sequences</c>.</param>
    /// <param name="returnState">Keras <c>return_state</c>.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public ModelBuilder SimpleRnn(int units, bool returnSequences = false, bool returnState = false, bool useBias = true, string? name = null) =>
        Add(new Recurrent(CellType.SimpleRnn, units, returnSequences, returnState, useBias, name: name));

    /// <summary>Appends a Keras <c>LSTM</c>.</summary>
    /// <param name="units">Keras <c>units</c>, at least 1.</param>
    /// <param name="returnSequences">Keras <c>return_sequences</c>.</param>
    /// <param name="returnState">Keras <c>return_state</c>.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public ModelBuilder Lstm(int units, bool returnSequences = false, bool returnState = false, bool useBias = true, string? name = null) =>
        Add(new Recurrent(CellType.Lstm, units, returnSequences, returnState, useBias, name: name));

    /// <summary>Appends a Keras <c>GRU</c>.</summary>
    /// <param name="units">Keras <c>units</c>, at least 1.</param>
    /// <param name="returnSequences">Keras <c>return_sequences</c>.</param>
    /// <param name="returnState">Keras <c>return_state</c>.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="resetAfter">Keras <c>reset_after</c>; default <see langword="true"/> (Keras 3, TF2).</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public ModelBuilder Gru(int units, bool returnSequences = false, bool returnState = false, bool useBias = true, bool resetAfter = true, string? name = null) =>
        Add(new Recurrent(CellType.Gru, units, returnSequences, returnState, useBias, resetAfter, name));

    /// <summary>Appends a Keras 2 <c>CuDNNLSTM</c> (cuDNN's two bias vectors per gate; no <c>use_bias</c> option).</summary>
    /// <param name="units">Keras <c>units</c>, at least 1.</param>
    /// <param name="returnSequences">Keras <c>return_sequences</c>.</param>
    /// <param name="returnState">Keras <c>return_state</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public ModelBuilder CuDnnLstm(int units, bool returnSequences = false, bool returnState = false, string? name = null) =>
        Add(new Recurrent(CellType.CuDnnLstm, units, returnSequences, returnState, name: name));

    /// <summary>Appends a Keras 2 <c>CuDNNGRU</c> (cuDNN's two bias vectors per gate; no <c>use_bias</c> option).</summary>
    /// <param name="units">Keras <c>units</c>, at least 1.</param>
    /// <param name="returnSequences">Keras <c>return_sequences</c>.</param>
    /// <param name="returnState">Keras <c>return_state</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public ModelBuilder CuDnnGru(int units, bool returnSequences = false, bool returnState = false, string? name = null) =>
        Add(new Recurrent(CellType.CuDnnGru, units, returnSequences, returnState, name: name));

    /// <summary>Appends a Keras <c>RNN</c> layer over a stack of cells, e.g. <c>RNN([LSTMCell(8), GRUCell(4)])</c>.</summary>
    /// <param name="cells">The cells, first to last; at least one.</param>
    /// <param name="returnSequences">Keras <c>return_sequences</c>.</param>
    /// <param name="returnState">Keras <c>return_state</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cells"/> or a cell is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="cells"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public ModelBuilder Rnn(IEnumerable<RecurrentCell> cells, bool returnSequences = false, bool returnState = false, string? name = null) =>
        Add(new Layers.Rnn(cells, returnSequences, returnState, name));

    /// <summary>Appends a Keras <c>Bidirectional</c> wrapper around a recurrent layer.</summary>
    /// <param name="layer">The wrapped layer, e.g. <c>new Recurrent(CellType.Lstm, 4, returnSequences: true)</c>.</param>
    /// <param name="mergeMode">Keras <c>merge_mode</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="layer"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public ModelBuilder Bidirectional(Recurrent layer, MergeMode mergeMode = MergeMode.Concat, string? name = null) =>
        Add(new Layers.Bidirectional(layer, mergeMode, name));

    /// <summary>Appends a Keras <c>Dense</c> layer (on the last axis).</summary>
    /// <param name="units">Keras <c>units</c>, at least 1.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public ModelBuilder Dense(int units, bool useBias = true, string? name = null) => Add(new Layers.Dense(units, useBias, name));

    /// <summary>Appends a Keras <c>TimeDistributed</c> wrapper.</summary>
    /// <param name="layer">The layer applied at each time step.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="layer"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public ModelBuilder TimeDistributed(Layer layer, string? name = null) => Add(new Layers.TimeDistributed(layer, name));

    /// <summary>Appends a Keras <c>Embedding</c>.</summary>
    /// <param name="inputDim">Keras <c>input_dim</c> (vocabulary size), at least 1.</param>
    /// <param name="outputDim">Keras <c>output_dim</c>, at least 1.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public ModelBuilder Embedding(int inputDim, int outputDim, string? name = null) => Add(new Layers.Embedding(inputDim, outputDim, name));

    /// <summary>Appends a Keras <c>Dropout</c>.</summary>
    /// <param name="rate">Keras <c>rate</c>, in [0, 1).</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not in [0, 1).</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public ModelBuilder Dropout(double rate, string? name = null) => Add(new Layers.Dropout(rate, name));

    /// <summary>Appends a Keras <c>Flatten</c>.</summary>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public ModelBuilder Flatten(string? name = null) => Add(new Layers.Flatten(name));

    /// <summary>Appends a Keras <c>RepeatVector</c>.</summary>
    /// <param name="n">Keras <c>n</c>, at least 1.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public ModelBuilder RepeatVector(int n, string? name = null) => Add(new Layers.RepeatVector(n, name));

    /// <summary>Appends a Keras <c>Conv1D</c>.</summary>
    /// <param name="filters">Keras <c>filters</c>, at least 1.</param>
    /// <param name="kernelSize">Keras <c>kernel_size</c>, at least 1.</param>
    /// <param name="strides">Keras <c>strides</c>, at least 1.</param>
    /// <param name="padding">Keras <c>padding</c>.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public ModelBuilder Conv1D(int filters, int kernelSize, int strides = 1, Padding padding = Padding.Valid, bool useBias = true, string? name = null) =>
        Add(new Layers.Conv1D(filters, kernelSize, strides, padding, useBias, name));

    /// <summary>Appends a Keras <c>GlobalAveragePooling1D</c>.</summary>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public ModelBuilder GlobalAveragePooling1D(string? name = null) => Add(new Layers.GlobalAveragePooling1D(name));

    /// <summary>Appends a Keras <c>MaxPooling1D</c>.</summary>
    /// <param name="poolSize">Keras <c>pool_size</c>, at least 1.</param>
    /// <param name="strides">Keras <c>strides</c>, or <see langword="null"/> for <paramref name="poolSize"/>.</param>
    /// <param name="padding">Keras <c>padding</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public ModelBuilder MaxPooling1D(int poolSize = 2, int? strides = null, Padding padding = Padding.Valid, string? name = null) =>
        Add(new Layers.MaxPooling1D(poolSize, strides, padding, name));

    /// <summary>Appends a Keras <c>BatchNormalization</c> (4c weights, 2c of them non-trainable).</summary>
    /// <param name="center">Keras <c>center</c>.</param>
    /// <param name="scale">Keras <c>scale</c>.</param>
    /// <param name="axis">Keras <c>axis</c>, -1 for the last.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is 0.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public ModelBuilder BatchNormalization(bool center = true, bool scale = true, int axis = -1, string? name = null) =>
        Add(new Layers.BatchNormalization(center, scale, axis, name));

    /// <summary>Appends a Keras <c>LayerNormalization</c>.</summary>
    /// <param name="center">Keras <c>center</c>.</param>
    /// <param name="scale">Keras <c>scale</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public ModelBuilder LayerNormalization(bool center = true, bool scale = true, string? name = null) =>
        Add(new Layers.LayerNormalization(center, scale, null, name));

    /// <summary>Appends the forward-pass step that keeps the last time step of a PyTorch sequence; it is not a module and has no row.</summary>
    /// <param name="batchFirst">
    /// <see langword="true"/> (default) for <c>x[:, -1]</c> on a batch-first <c>(batch, time, features)</c> tensor;
    /// <see langword="false"/> for <c>x[-1]</c> on a sequence-first <c>(time, batch, features)</c> one.
    /// </param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public ModelBuilder TakeLastTimeStep(bool batchFirst = true) => Add(new LastTimeStep(batchFirst));

    /// <summary>Builds the summary: infers every layer's shapes, names the layers and counts their parameters.</summary>
    /// <returns>An immutable summary; later calls on this builder do not change it.</returns>
    /// <exception cref="InvalidOperationException">
    /// The model has no input or no layers, two layers share a name, or a layer cannot take what the previous one returns;
    /// the message names the layer (name and index), what it received and what to do.
    /// </exception>
    /// <exception cref="OverflowException">A count does not fit in a <see cref="long"/>.</exception>
    public ModelSummary Build()
    {
        if (input is null)
        {
            throw new InvalidOperationException("The model '" + Name + "' has no input; call Input(timeSteps, features), TokenInput, InputLayer or TorchInput, then add layers.");
        }

        if (layers.Count == 0)
        {
            throw new InvalidOperationException("The model '" + Name + "' has no layers; add at least one layer before Build().");
        }

        var names = new LayerNames();
        var rows = new List<LayerSummary>(layers.Count + 1);
        if (inputLayerName is not null)
        {
            rows.Add(new LayerSummary(names.Claim(inputLayerName, explicitName: true), "InputLayer", new[] { input }, Array.Empty<WeightTensor>()));
        }

        OutputShape current = input;
        Layer? previous = null;
        string? previousName = null;
        int previousOutputs = 1;
        for (int index = 0; index < layers.Count; index++)
        {
            Layer layer = layers[index];
            string name = names.Claim(layer.Name ?? layer.NameBase, explicitName: layer.Name is not null);
            var context = new LayerContext(current, name, index, Convention, formulas, baseName => names.Claim(baseName, explicitName: false), previous, previousName);
            if (previousOutputs > 1 && Convention == Convention.Keras)
            {
                context.Fail("receives the " + previousOutputs.ToString(CultureInfo.InvariantCulture) + " tensors '" + previousName + "' returns (return_state or merge mode None), but a sequential model passes one; set returnState: false on '" + previousName + "' or make it the last layer");
            }

            LayerResult result = layer.Build(context);
            if (layer.ShowsInSummary)
            {
                IEnumerable<WeightTensor> weights = frozen.Contains(index)
                    ? result.Weights.Select(w => w with { Trainable = false })
                    : result.Weights;
                rows.Add(new LayerSummary(name, layer.ClassName, result.Outputs, weights)
                {
                    InputShape = current,
                    Derivation = result.Derivation,
                    MacsPerStep = result.MacsPerStep,
                });
            }

            current = result.Outputs[0];
            previous = layer;
            previousName = name;
            previousOutputs = result.Outputs.Count;
        }

        return new ModelSummary(Name, Convention, input, rows) { Output = current, InputElementType = inputElementType };
    }

    private static long? Steps(int? timeSteps)
    {
        if (timeSteps is int steps)
        {
            Guard.Positive(steps, nameof(timeSteps));
        }

        return timeSteps;
    }

    private ModelBuilder SetInput(OutputShape shape, string? layerName, ElementType elementType = ElementType.Float32)
    {
        if (input is not null)
        {
            throw new InvalidOperationException("The model '" + Name + "' already has the input " + input + "; a sequential model has one input.");
        }

        input = shape;
        inputLayerName = layerName;
        inputElementType = elementType;
        return this;
    }

    /// <summary>Keras' naming: the first layer of a kind gets the base name, the next ones <c>_1</c>, <c>_2</c>, ...</summary>
    private sealed class LayerNames
    {
        private readonly HashSet<string> used = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> counters = new(StringComparer.Ordinal);

        public string Claim(string nameBase, bool explicitName)
        {
            if (explicitName)
            {
                if (!used.Add(nameBase))
                {
                    throw new InvalidOperationException("Two layers are named '" + nameBase + "'; layer names must be unique within a model.");
                }

                return nameBase;
            }

            counters.TryGetValue(nameBase, out int uid);
            string name;
            do
            {
                name = uid == 0 ? nameBase : nameBase + "_" + uid.ToString(CultureInfo.InvariantCulture);
                uid++;
            }
            while (!used.Add(name));

            counters[nameBase] = uid;
            return name;
        }
    }
}
