using System;
using System.Collections.Generic;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Keras;

namespace RecurrentParams;

/// <summary>Builds a Keras model: stacks Keras layers onto an input, inferring each layer's input from the previous layer's output, and builds its immutable <see cref="ModelSummary"/>.</summary>
/// <remarks>
/// <para>Start with an input (<see cref="Input(int?, int)"/>, <see cref="TokenInput"/> or <see cref="InputLayer(int?, int, string)"/>),
/// add layers with the fluent methods or <see cref="Add(KerasLayer)"/>, then call <see cref="ModelBuilder.Build"/>. Layers are named as
/// Keras names them (<c>lstm</c>, <c>lstm_1</c>, ...; inner layers of wrappers take names too) unless a name is given.
/// The summary's <see cref="ModelSummary.Convention"/> is <see cref="Convention.Keras"/>.</para>
/// <para>A builder is mutable and not thread-safe. <see cref="ModelBuilder.Build"/> snapshots: adding layers afterwards never
/// changes a summary already built, and the builder can go on.</para>
/// </remarks>
public sealed class KerasModelBuilder : ModelBuilder
{
    /// <summary>Initializes a builder for a Keras model named <c>sequential</c>, as Keras names an unnamed Sequential model.</summary>
    public KerasModelBuilder()
        : this("sequential")
    {
    }

    /// <summary>Initializes a builder for a Keras model.</summary>
    /// <param name="name">The model's name, shown in the summary's title; not empty.</param>
    /// <param name="formulas">The formulas recurrent layers are counted with; <see langword="null"/> for <see cref="FormulaRegistry.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public KerasModelBuilder(string name, FormulaRegistry? formulas = null)
        : base(name, Convention.Keras, formulas)
    {
    }

    /// <inheritdoc/>
    private protected override string InputRemedy => "call Input(timeSteps, features), TokenInput or InputLayer";

    /// <summary>Sets a sequence input <c>(None, timeSteps, features)</c>, as <c>keras.Input((timeSteps, features))</c> in a Sequential model (no row of its own).</summary>
    /// <param name="timeSteps">Time steps, at least 1, or <see langword="null"/> for unknown (Keras' <c>None</c>).</param>
    /// <param name="features">Features per step, at least 1.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has an input already.</exception>
    public KerasModelBuilder Input(int? timeSteps, int features)
    {
        Guard.Positive(features, nameof(features));
        SetInput(new OutputShape(null, Steps(timeSteps), features), null);
        return this;
    }

    /// <summary>Sets any input shape, batch dimension first, e.g. <c>(None, 10, 8, 8, 3)</c> for <see cref="ConvLstm2D"/>.</summary>
    /// <param name="shape">The shape, batch first.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The model has an input already.</exception>
    public KerasModelBuilder Input(OutputShape shape) 
    {
        SetInput(Guard.NotNull(shape, nameof(shape)), null);
        return this;
    }

    /// <summary>Sets an input of token ids <c>(None, timeSteps)</c>, for a model that starts with an <see cref="Embedding"/>.</summary>
    /// <param name="timeSteps">Time steps, at least 1, or <see langword="null"/> for unknown.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeSteps"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has an input already.</exception>
    public KerasModelBuilder TokenInput(int? timeSteps) 
    {
        SetInput(new OutputShape(null, Steps(timeSteps)), null, ElementType.Int32);
        return this;
    }

    /// <summary>Sets a sequence input shown as an <c>InputLayer</c> row, as a Keras Functional model (<c>keras.Model(inputs, outputs)</c>) shows it.</summary>
    /// <param name="timeSteps">Time steps, at least 1, or <see langword="null"/> for unknown.</param>
    /// <param name="features">Features per step, at least 1.</param>
    /// <param name="name">The input's name; Keras 3 calls it <c>input_layer</c>, Keras 2 <c>input_1</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">The model has an input already.</exception>
    public KerasModelBuilder InputLayer(int? timeSteps, int features, string name = "input_layer")
    {
        Guard.Positive(features, nameof(features));
        Guard.NotNull(name, nameof(name));
        if (name.Length == 0)
        {
            Guard.ThrowArgument(nameof(name), "'name' must not be empty.");
        }

        SetInput(new OutputShape(null, Steps(timeSteps), features), name);
        return this;
    }

    /// <summary>Sets any input shape, batch first, shown as an <c>InputLayer</c> row (a Keras Functional model's input).</summary>
    /// <param name="shape">The shape, batch first, e.g. <c>(None, 20)</c> for token ids.</param>
    /// <param name="name">The input's name.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">The model has an input already.</exception>
    public KerasModelBuilder InputLayer(OutputShape shape, string name)
    {
        Guard.NotNull(shape, nameof(shape));
        Guard.NotNull(name, nameof(name));
        if (name.Length == 0)
        {
            Guard.ThrowArgument(nameof(name), "'name' must not be empty.");
        }

        SetInput(shape, name);
        return this;
    }

    /// <summary>Appends a Keras layer; its input is the previous layer's main output.</summary>
    /// <param name="layer">The layer, built in or user-defined (derived from <see cref="KerasLayer"/>).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="layer"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Add(KerasLayer layer)
    {
        AddLayer(Guard.NotNull(layer, nameof(layer)));
        return this;
    }

    /// <summary>Appends a Keras layer that takes the outputs of named earlier layers: a branch, or a merge of several branches, as in a Functional model.</summary>
    /// <param name="layer">The layer.</param>
    /// <param name="inputs">The names of the layers (or of the <see cref="InputLayer(OutputShape, string)"/>) whose main outputs it takes, in Keras' order (an attention layer's query, value, key); at least one, each added before.</param>
    /// <returns>This builder.</returns>
    /// <remarks>
    /// The names are resolved by <see cref="ModelBuilder.Build"/>: generated names (<c>lstm</c>, <c>lstm_1</c>) work, but
    /// explicit names are clearer. A layer added without inputs takes the previous layer's output, so a branch goes back to an
    /// earlier layer with this overload: <c>.InputLayer(null, 5, "x").Lstm(4, name: "a").Add(new Recurrent(CellType.Gru, 4, name: "b"), "x").Concatenate(["a", "b"])</c>.
    /// A model with named inputs is rendered with Keras' "Connected to" column when it branches.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="layer"/>, <paramref name="inputs"/> or a name is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="inputs"/> or a name is empty.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Add(KerasLayer layer, params string[] inputs)
    {
        Guard.NotNull(layer, nameof(layer));
        AddLayer(layer, Inputs(inputs, nameof(inputs)));
        return this;
    }

    /// <summary>Freezes the layer added last: its weights become non-trainable, as Keras' <c>layer.trainable = False</c>.</summary>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">No layer has been added yet.</exception>
    /// <remarks>Keras then counts the layer's weights under "Non-trainable params".</remarks>
    public KerasModelBuilder Freeze()
    {
        FreezeLast();
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
    public KerasModelBuilder SimpleRnn(int units, bool returnSequences = false, bool returnState = false, bool useBias = true, string? name = null) =>
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
    public KerasModelBuilder Lstm(int units, bool returnSequences = false, bool returnState = false, bool useBias = true, string? name = null) =>
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
    public KerasModelBuilder Gru(int units, bool returnSequences = false, bool returnState = false, bool useBias = true, bool resetAfter = true, string? name = null) =>
        Add(new Recurrent(CellType.Gru, units, returnSequences, returnState, useBias, resetAfter, name));

    /// <summary>Appends a Keras 2 <c>CuDNNLSTM</c> (cuDNN's two bias vectors per gate; no <c>use_bias</c> option).</summary>
    /// <param name="units">Keras <c>units</c>, at least 1.</param>
    /// <param name="returnSequences">Keras <c>return_sequences</c>.</param>
    /// <param name="returnState">Keras <c>return_state</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder CuDnnLstm(int units, bool returnSequences = false, bool returnState = false, string? name = null) =>
        Add(new Recurrent(CellType.CuDnnLstm, units, returnSequences, returnState, name: name));

    /// <summary>Appends a Keras 2 <c>CuDNNGRU</c> (cuDNN's two bias vectors per gate; no <c>use_bias</c> option).</summary>
    /// <param name="units">Keras <c>units</c>, at least 1.</param>
    /// <param name="returnSequences">Keras <c>return_sequences</c>.</param>
    /// <param name="returnState">Keras <c>return_state</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder CuDnnGru(int units, bool returnSequences = false, bool returnState = false, string? name = null) =>
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
    public KerasModelBuilder Rnn(IEnumerable<RecurrentCell> cells, bool returnSequences = false, bool returnState = false, string? name = null) =>
        Add(new Keras.Rnn(cells, returnSequences, returnState, name));

    /// <summary>Appends a Keras <c>Bidirectional</c> wrapper around a recurrent layer.</summary>
    /// <param name="layer">The wrapped layer, e.g. <c>new Recurrent(CellType.Lstm, 4, returnSequences: true)</c>.</param>
    /// <param name="mergeMode">Keras <c>merge_mode</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="layer"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Bidirectional(Recurrent layer, MergeMode mergeMode = MergeMode.Concat, string? name = null) =>
        Add(new Keras.Bidirectional(layer, mergeMode, name));

    /// <summary>Appends a Keras <c>Dense</c> layer (on the last axis).</summary>
    /// <param name="units">Keras <c>units</c>, at least 1.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Dense(int units, bool useBias = true, string? name = null) => Add(new Keras.Dense(units, useBias, name));

    /// <summary>Appends a Keras <c>TimeDistributed</c> wrapper.</summary>
    /// <param name="layer">The layer applied at each time step.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="layer"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder TimeDistributed(KerasLayer layer, string? name = null) => Add(new Keras.TimeDistributed(layer, name));

    /// <summary>Appends a Keras <c>Embedding</c>.</summary>
    /// <param name="inputDim">Keras <c>input_dim</c> (vocabulary size), at least 1.</param>
    /// <param name="outputDim">Keras <c>output_dim</c>, at least 1.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Embedding(int inputDim, int outputDim, string? name = null) => Add(new Keras.Embedding(inputDim, outputDim, name));

    /// <summary>Appends a Keras <c>Dropout</c>.</summary>
    /// <param name="rate">Keras <c>rate</c>, in [0, 1).</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not in [0, 1).</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Dropout(double rate, string? name = null) => Add(new Keras.Dropout(rate, name));

    /// <summary>Appends a Keras <c>Flatten</c>.</summary>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Flatten(string? name = null) => Add(new Keras.Flatten(name));

    /// <summary>Appends a Keras <c>RepeatVector</c>.</summary>
    /// <param name="n">Keras <c>n</c>, at least 1.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder RepeatVector(int n, string? name = null) => Add(new Keras.RepeatVector(n, name));

    /// <summary>Appends a Keras <c>BatchNormalization</c> (4c weights, 2c of them non-trainable).</summary>
    /// <param name="center">Keras <c>center</c>.</param>
    /// <param name="scale">Keras <c>scale</c>.</param>
    /// <param name="axis">Keras <c>axis</c>, -1 for the last.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is 0.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder BatchNormalization(bool center = true, bool scale = true, int axis = -1, string? name = null) =>
        Add(new Keras.BatchNormalization(center, scale, axis, name));

    /// <summary>Appends a Keras <c>LayerNormalization</c>.</summary>
    /// <param name="center">Keras <c>center</c>.</param>
    /// <param name="scale">Keras <c>scale</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder LayerNormalization(bool center = true, bool scale = true, string? name = null) =>
        Add(new Keras.LayerNormalization(center, scale, null, name));

    /// <summary>Appends a Keras <c>Reshape</c>.</summary>
    /// <param name="targetShape">Keras <c>target_shape</c>, without the batch; at most one -1.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="targetShape"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="targetShape"/> is not a valid target.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Reshape(IReadOnlyList<int> targetShape, string? name = null) => Add(new Keras.Reshape(targetShape, name));

    /// <summary>Appends a Keras <c>Permute</c>.</summary>
    /// <param name="dims">Keras <c>dims</c>: a permutation of 1 … n.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dims"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="dims"/> is not a permutation.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Permute(IReadOnlyList<int> dims, string? name = null) => Add(new Keras.Permute(dims, name));

    /// <summary>Appends a Keras <c>Masking</c>.</summary>
    /// <param name="maskValue">Keras <c>mask_value</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Masking(double maskValue = 0, string? name = null) => Add(new Keras.Masking(maskValue, name));

    /// <summary>Appends a Keras <c>Cropping1D</c>.</summary>
    /// <param name="start">Steps removed at the start, 0 or more.</param>
    /// <param name="end">Steps removed at the end, 0 or more.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Cropping1D(int start = 1, int end = 1, string? name = null) => Add(new Keras.Cropping1D(start, end, name));

    /// <summary>Appends a Keras <c>Cropping2D</c>.</summary>
    /// <param name="top">Rows removed at the top.</param>
    /// <param name="bottom">Rows removed at the bottom.</param>
    /// <param name="left">Columns removed at the left.</param>
    /// <param name="right">Columns removed at the right.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Cropping2D(int top = 0, int bottom = 0, int left = 0, int right = 0, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.Cropping2D(top, bottom, left, right, dataFormat, name));

    /// <summary>Appends a Keras <c>ZeroPadding1D</c>.</summary>
    /// <param name="start">Steps added at the start, 0 or more.</param>
    /// <param name="end">Steps added at the end, 0 or more.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder ZeroPadding1D(int start = 1, int end = 1, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.ZeroPadding1D(start, end, dataFormat, name));

    /// <summary>Appends a Keras <c>ZeroPadding2D</c>.</summary>
    /// <param name="top">Rows added at the top.</param>
    /// <param name="bottom">Rows added at the bottom.</param>
    /// <param name="left">Columns added at the left.</param>
    /// <param name="right">Columns added at the right.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder ZeroPadding2D(int top = 1, int bottom = 1, int left = 1, int right = 1, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.ZeroPadding2D(top, bottom, left, right, dataFormat, name));

    /// <summary>Appends a Keras <c>UpSampling1D</c>.</summary>
    /// <param name="size">Keras <c>size</c>, at least 1.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder UpSampling1D(int size = 2, string? name = null) => Add(new Keras.UpSampling1D(size, name));

    /// <summary>Appends a Keras <c>UpSampling2D</c>.</summary>
    /// <param name="size">Keras <c>size</c>, one or two factors; <see langword="null"/> for 2.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="ArgumentException">A per-axis list has the wrong length, or both strides and dilation are above 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder UpSampling2D(IReadOnlyList<int>? size = null, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.UpSampling2D(size, dataFormat, name));

    /// <summary>Appends a Keras <c>Conv1D</c>.</summary>
    /// <param name="filters">Keras <c>filters</c>, at least 1.</param>
    /// <param name="kernelSize">Keras <c>kernel_size</c>, at least 1.</param>
    /// <param name="strides">Keras <c>strides</c>, at least 1.</param>
    /// <param name="padding">Keras <c>padding</c>.</param>
    /// <param name="dilationRate">Keras <c>dilation_rate</c>, at least 1.</param>
    /// <param name="groups">Keras <c>groups</c>, at least 1.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="ArgumentException">A per-axis list has the wrong length, or both strides and dilation are above 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Conv1D(int filters, int kernelSize, int strides = 1, Padding padding = Padding.Valid, int dilationRate = 1, int groups = 1, bool useBias = true, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.Conv1D(filters, kernelSize, strides, padding, dilationRate, groups, useBias, dataFormat, name));

    /// <summary>Appends a Keras <c>Conv2D</c>.</summary>
    /// <param name="filters">Keras <c>filters</c>, at least 1.</param>
    /// <param name="kernelSize">Keras <c>kernel_size</c>: one size or one per axis.</param>
    /// <param name="strides">Keras <c>strides</c>; <see langword="null"/> for 1.</param>
    /// <param name="padding">Keras <c>padding</c>.</param>
    /// <param name="dilationRate">Keras <c>dilation_rate</c>; <see langword="null"/> for 1.</param>
    /// <param name="groups">Keras <c>groups</c>, at least 1.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">A required list is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="ArgumentException">A per-axis list has the wrong length, or both strides and dilation are above 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Conv2D(int filters, IReadOnlyList<int> kernelSize, IReadOnlyList<int>? strides = null, Padding padding = Padding.Valid, IReadOnlyList<int>? dilationRate = null, int groups = 1, bool useBias = true, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.Conv2D(filters, kernelSize, strides, padding, dilationRate, groups, useBias, dataFormat, name));

    /// <summary>Appends a Keras <c>Conv3D</c>.</summary>
    /// <param name="filters">Keras <c>filters</c>, at least 1.</param>
    /// <param name="kernelSize">Keras <c>kernel_size</c>: one size or one per axis.</param>
    /// <param name="strides">Keras <c>strides</c>; <see langword="null"/> for 1.</param>
    /// <param name="padding">Keras <c>padding</c>.</param>
    /// <param name="dilationRate">Keras <c>dilation_rate</c>; <see langword="null"/> for 1.</param>
    /// <param name="groups">Keras <c>groups</c>, at least 1.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">A required list is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="ArgumentException">A per-axis list has the wrong length, or both strides and dilation are above 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Conv3D(int filters, IReadOnlyList<int> kernelSize, IReadOnlyList<int>? strides = null, Padding padding = Padding.Valid, IReadOnlyList<int>? dilationRate = null, int groups = 1, bool useBias = true, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.Conv3D(filters, kernelSize, strides, padding, dilationRate, groups, useBias, dataFormat, name));

    /// <summary>Appends a Keras <c>Conv1DTranspose</c>.</summary>
    /// <param name="filters">Keras <c>filters</c>, at least 1.</param>
    /// <param name="kernelSize">Keras <c>kernel_size</c>, at least 1.</param>
    /// <param name="strides">Keras <c>strides</c>, at least 1.</param>
    /// <param name="padding">Keras <c>padding</c>.</param>
    /// <param name="outputPadding">Keras <c>output_padding</c>, or <see langword="null"/> to infer it.</param>
    /// <param name="dilationRate">Keras <c>dilation_rate</c>.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="ArgumentException">A per-axis list has the wrong length, or both strides and dilation are above 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Conv1DTranspose(int filters, int kernelSize, int strides = 1, Padding padding = Padding.Valid, int? outputPadding = null, int dilationRate = 1, bool useBias = true, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.Conv1DTranspose(filters, kernelSize, strides, padding, outputPadding, dilationRate, useBias, dataFormat, name));

    /// <summary>Appends a Keras <c>Conv2DTranspose</c>.</summary>
    /// <param name="filters">Keras <c>filters</c>, at least 1.</param>
    /// <param name="kernelSize">Keras <c>kernel_size</c>: one size or one per axis.</param>
    /// <param name="strides">Keras <c>strides</c>; <see langword="null"/> for 1.</param>
    /// <param name="padding">Keras <c>padding</c>.</param>
    /// <param name="outputPadding">Keras <c>output_padding</c>; <see langword="null"/> to infer it.</param>
    /// <param name="dilationRate">Keras <c>dilation_rate</c>; <see langword="null"/> for 1.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">A required list is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="ArgumentException">A per-axis list has the wrong length, or both strides and dilation are above 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Conv2DTranspose(int filters, IReadOnlyList<int> kernelSize, IReadOnlyList<int>? strides = null, Padding padding = Padding.Valid, IReadOnlyList<int>? outputPadding = null, IReadOnlyList<int>? dilationRate = null, bool useBias = true, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.Conv2DTranspose(filters, kernelSize, strides, padding, outputPadding, dilationRate, useBias, dataFormat, name));

    /// <summary>Appends a Keras <c>Conv3DTranspose</c>.</summary>
    /// <param name="filters">Keras <c>filters</c>, at least 1.</param>
    /// <param name="kernelSize">Keras <c>kernel_size</c>: one size or one per axis.</param>
    /// <param name="strides">Keras <c>strides</c>; <see langword="null"/> for 1.</param>
    /// <param name="padding">Keras <c>padding</c>.</param>
    /// <param name="outputPadding">Keras <c>output_padding</c>; <see langword="null"/> to infer it.</param>
    /// <param name="dilationRate">Keras <c>dilation_rate</c>; <see langword="null"/> for 1.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">A required list is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="ArgumentException">A per-axis list has the wrong length, or both strides and dilation are above 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Conv3DTranspose(int filters, IReadOnlyList<int> kernelSize, IReadOnlyList<int>? strides = null, Padding padding = Padding.Valid, IReadOnlyList<int>? outputPadding = null, IReadOnlyList<int>? dilationRate = null, bool useBias = true, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.Conv3DTranspose(filters, kernelSize, strides, padding, outputPadding, dilationRate, useBias, dataFormat, name));

    /// <summary>Appends a Keras <c>SeparableConv1D</c>.</summary>
    /// <param name="filters">Keras <c>filters</c>, at least 1.</param>
    /// <param name="kernelSize">Keras <c>kernel_size</c>, at least 1.</param>
    /// <param name="strides">Keras <c>strides</c>.</param>
    /// <param name="padding">Keras <c>padding</c>.</param>
    /// <param name="dilationRate">Keras <c>dilation_rate</c>.</param>
    /// <param name="depthMultiplier">Keras <c>depth_multiplier</c>, at least 1.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="ArgumentException">A per-axis list has the wrong length, or both strides and dilation are above 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder SeparableConv1D(int filters, int kernelSize, int strides = 1, Padding padding = Padding.Valid, int dilationRate = 1, int depthMultiplier = 1, bool useBias = true, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.SeparableConv1D(filters, kernelSize, strides, padding, dilationRate, depthMultiplier, useBias, dataFormat, name));

    /// <summary>Appends a Keras <c>SeparableConv2D</c>.</summary>
    /// <param name="filters">Keras <c>filters</c>, at least 1.</param>
    /// <param name="kernelSize">Keras <c>kernel_size</c>: one size or one per axis.</param>
    /// <param name="strides">Keras <c>strides</c>; <see langword="null"/> for 1.</param>
    /// <param name="padding">Keras <c>padding</c>.</param>
    /// <param name="dilationRate">Keras <c>dilation_rate</c>; <see langword="null"/> for 1.</param>
    /// <param name="depthMultiplier">Keras <c>depth_multiplier</c>, at least 1.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">A required list is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="ArgumentException">A per-axis list has the wrong length, or both strides and dilation are above 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder SeparableConv2D(int filters, IReadOnlyList<int> kernelSize, IReadOnlyList<int>? strides = null, Padding padding = Padding.Valid, IReadOnlyList<int>? dilationRate = null, int depthMultiplier = 1, bool useBias = true, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.SeparableConv2D(filters, kernelSize, strides, padding, dilationRate, depthMultiplier, useBias, dataFormat, name));

    /// <summary>Appends a Keras <c>DepthwiseConv1D</c>.</summary>
    /// <param name="kernelSize">Keras <c>kernel_size</c>, at least 1.</param>
    /// <param name="strides">Keras <c>strides</c>.</param>
    /// <param name="padding">Keras <c>padding</c>.</param>
    /// <param name="depthMultiplier">Keras <c>depth_multiplier</c>, at least 1.</param>
    /// <param name="dilationRate">Keras <c>dilation_rate</c>.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="ArgumentException">A per-axis list has the wrong length, or both strides and dilation are above 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder DepthwiseConv1D(int kernelSize, int strides = 1, Padding padding = Padding.Valid, int depthMultiplier = 1, int dilationRate = 1, bool useBias = true, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.DepthwiseConv1D(kernelSize, strides, padding, depthMultiplier, dilationRate, useBias, dataFormat, name));

    /// <summary>Appends a Keras <c>DepthwiseConv2D</c>.</summary>
    /// <param name="kernelSize">Keras <c>kernel_size</c>: one size or one per axis.</param>
    /// <param name="strides">Keras <c>strides</c>; <see langword="null"/> for 1.</param>
    /// <param name="padding">Keras <c>padding</c>.</param>
    /// <param name="depthMultiplier">Keras <c>depth_multiplier</c>, at least 1.</param>
    /// <param name="dilationRate">Keras <c>dilation_rate</c>; <see langword="null"/> for 1.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">A required list is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="ArgumentException">A per-axis list has the wrong length, or both strides and dilation are above 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder DepthwiseConv2D(IReadOnlyList<int> kernelSize, IReadOnlyList<int>? strides = null, Padding padding = Padding.Valid, int depthMultiplier = 1, IReadOnlyList<int>? dilationRate = null, bool useBias = true, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.DepthwiseConv2D(kernelSize, strides, padding, depthMultiplier, dilationRate, useBias, dataFormat, name));

    /// <summary>Appends a Keras <c>MaxPooling1D</c>.</summary>
    /// <param name="poolSize">Keras <c>pool_size</c>, at least 1.</param>
    /// <param name="strides">Keras <c>strides</c>, or <see langword="null"/> for the pool size.</param>
    /// <param name="padding">Keras <c>padding</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder MaxPooling1D(int poolSize = 2, int? strides = null, Padding padding = Padding.Valid, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.MaxPooling1D(poolSize, strides, padding, dataFormat, name));

    /// <summary>Appends a Keras <c>MaxPooling2D</c>.</summary>
    /// <param name="poolSize">Keras <c>pool_size</c>: one size or one per axis; <see langword="null"/> for 2.</param>
    /// <param name="strides">Keras <c>strides</c>; <see langword="null"/> for the pool size.</param>
    /// <param name="padding">Keras <c>padding</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="ArgumentException">A per-axis list has the wrong length, or both strides and dilation are above 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder MaxPooling2D(IReadOnlyList<int>? poolSize = null, IReadOnlyList<int>? strides = null, Padding padding = Padding.Valid, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.MaxPooling2D(poolSize, strides, padding, dataFormat, name));

    /// <summary>Appends a Keras <c>MaxPooling3D</c>.</summary>
    /// <param name="poolSize">Keras <c>pool_size</c>: one size or one per axis; <see langword="null"/> for 2.</param>
    /// <param name="strides">Keras <c>strides</c>; <see langword="null"/> for the pool size.</param>
    /// <param name="padding">Keras <c>padding</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="ArgumentException">A per-axis list has the wrong length, or both strides and dilation are above 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder MaxPooling3D(IReadOnlyList<int>? poolSize = null, IReadOnlyList<int>? strides = null, Padding padding = Padding.Valid, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.MaxPooling3D(poolSize, strides, padding, dataFormat, name));

    /// <summary>Appends a Keras <c>GlobalMaxPooling1D</c>.</summary>
    /// <param name="keepDims">Keras <c>keepdims</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dataFormat"/> is not defined.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder GlobalMaxPooling1D(bool keepDims = false, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.GlobalMaxPooling1D(keepDims, dataFormat, name));

    /// <summary>Appends a Keras <c>GlobalMaxPooling2D</c>.</summary>
    /// <param name="keepDims">Keras <c>keepdims</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dataFormat"/> is not defined.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder GlobalMaxPooling2D(bool keepDims = false, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.GlobalMaxPooling2D(keepDims, dataFormat, name));

    /// <summary>Appends a Keras <c>GlobalMaxPooling3D</c>.</summary>
    /// <param name="keepDims">Keras <c>keepdims</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dataFormat"/> is not defined.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder GlobalMaxPooling3D(bool keepDims = false, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.GlobalMaxPooling3D(keepDims, dataFormat, name));

    /// <summary>Appends a Keras <c>AveragePooling1D</c>.</summary>
    /// <param name="poolSize">Keras <c>pool_size</c>, at least 1.</param>
    /// <param name="strides">Keras <c>strides</c>, or <see langword="null"/> for the pool size.</param>
    /// <param name="padding">Keras <c>padding</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder AveragePooling1D(int poolSize = 2, int? strides = null, Padding padding = Padding.Valid, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.AveragePooling1D(poolSize, strides, padding, dataFormat, name));

    /// <summary>Appends a Keras <c>AveragePooling2D</c>.</summary>
    /// <param name="poolSize">Keras <c>pool_size</c>: one size or one per axis; <see langword="null"/> for 2.</param>
    /// <param name="strides">Keras <c>strides</c>; <see langword="null"/> for the pool size.</param>
    /// <param name="padding">Keras <c>padding</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="ArgumentException">A per-axis list has the wrong length, or both strides and dilation are above 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder AveragePooling2D(IReadOnlyList<int>? poolSize = null, IReadOnlyList<int>? strides = null, Padding padding = Padding.Valid, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.AveragePooling2D(poolSize, strides, padding, dataFormat, name));

    /// <summary>Appends a Keras <c>AveragePooling3D</c>.</summary>
    /// <param name="poolSize">Keras <c>pool_size</c>: one size or one per axis; <see langword="null"/> for 2.</param>
    /// <param name="strides">Keras <c>strides</c>; <see langword="null"/> for the pool size.</param>
    /// <param name="padding">Keras <c>padding</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="ArgumentException">A per-axis list has the wrong length, or both strides and dilation are above 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder AveragePooling3D(IReadOnlyList<int>? poolSize = null, IReadOnlyList<int>? strides = null, Padding padding = Padding.Valid, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.AveragePooling3D(poolSize, strides, padding, dataFormat, name));

    /// <summary>Appends a Keras <c>GlobalAveragePooling1D</c>.</summary>
    /// <param name="keepDims">Keras <c>keepdims</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dataFormat"/> is not defined.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder GlobalAveragePooling1D(bool keepDims = false, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.GlobalAveragePooling1D(keepDims, dataFormat, name));

    /// <summary>Appends a Keras <c>GlobalAveragePooling2D</c>.</summary>
    /// <param name="keepDims">Keras <c>keepdims</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dataFormat"/> is not defined.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder GlobalAveragePooling2D(bool keepDims = false, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.GlobalAveragePooling2D(keepDims, dataFormat, name));

    /// <summary>Appends a Keras <c>GlobalAveragePooling3D</c>.</summary>
    /// <param name="keepDims">Keras <c>keepdims</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dataFormat"/> is not defined.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder GlobalAveragePooling3D(bool keepDims = false, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.GlobalAveragePooling3D(keepDims, dataFormat, name));

    /// <summary>Appends a Keras <c>Concatenate</c> that takes the outputs of named layers.</summary>
    /// <param name="inputs">The names of the layers it takes, in Keras' order; at least one, each added before.</param>
    /// <param name="axis">Keras <c>axis</c>; not 0.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or a name is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="inputs"/> or a name is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is 0.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Concatenate(IReadOnlyList<string> inputs, int axis = -1, string? name = null)
    {
        AddLayer(new Keras.Concatenate(axis, name), Inputs(inputs, nameof(inputs)));
        return this;
    }

    /// <summary>Appends a Keras <c>Add</c> that takes the outputs of named layers.</summary>
    /// <param name="inputs">The names of the layers it takes, in Keras' order; at least one, each added before.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or a name is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="inputs"/> or a name is empty.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0027:API with optional parameter(s) should have the most parameters amongst its public overloads", Justification = "Keras' Add merge layer; the overloads that append a layer take a KerasLayer first, so no call can mean both.")]
    public KerasModelBuilder Add(IReadOnlyList<string> inputs, string? name = null)
    {
        AddLayer(new Keras.Add(name), Inputs(inputs, nameof(inputs)));
        return this;
    }

    /// <summary>Appends a Keras <c>Subtract</c> that takes the outputs of named layers.</summary>
    /// <param name="inputs">The names of the layers it takes, in Keras' order; at least one, each added before.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or a name is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="inputs"/> or a name is empty.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Subtract(IReadOnlyList<string> inputs, string? name = null)
    {
        AddLayer(new Keras.Subtract(name), Inputs(inputs, nameof(inputs)));
        return this;
    }

    /// <summary>Appends a Keras <c>Multiply</c> that takes the outputs of named layers.</summary>
    /// <param name="inputs">The names of the layers it takes, in Keras' order; at least one, each added before.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or a name is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="inputs"/> or a name is empty.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Multiply(IReadOnlyList<string> inputs, string? name = null)
    {
        AddLayer(new Keras.Multiply(name), Inputs(inputs, nameof(inputs)));
        return this;
    }

    /// <summary>Appends a Keras <c>Average</c> that takes the outputs of named layers.</summary>
    /// <param name="inputs">The names of the layers it takes, in Keras' order; at least one, each added before.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or a name is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="inputs"/> or a name is empty.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Average(IReadOnlyList<string> inputs, string? name = null)
    {
        AddLayer(new Keras.Average(name), Inputs(inputs, nameof(inputs)));
        return this;
    }

    /// <summary>Appends a Keras <c>Maximum</c> that takes the outputs of named layers.</summary>
    /// <param name="inputs">The names of the layers it takes, in Keras' order; at least one, each added before.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or a name is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="inputs"/> or a name is empty.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Maximum(IReadOnlyList<string> inputs, string? name = null)
    {
        AddLayer(new Keras.Maximum(name), Inputs(inputs, nameof(inputs)));
        return this;
    }

    /// <summary>Appends a Keras <c>Minimum</c> that takes the outputs of named layers.</summary>
    /// <param name="inputs">The names of the layers it takes, in Keras' order; at least one, each added before.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or a name is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="inputs"/> or a name is empty.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Minimum(IReadOnlyList<string> inputs, string? name = null)
    {
        AddLayer(new Keras.Minimum(name), Inputs(inputs, nameof(inputs)));
        return this;
    }

    /// <summary>Appends a Keras <c>Dot</c> that takes the outputs of named layers.</summary>
    /// <param name="inputs">The names of the layers it takes, in Keras' order; at least one, each added before.</param>
    /// <param name="axes">Keras <c>axes</c>: one axis or one per input.</param>
    /// <param name="normalize">Keras <c>normalize</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or a name is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="inputs"/> or a name is empty.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Dot(IReadOnlyList<string> inputs, IReadOnlyList<int> axes, bool normalize = false, string? name = null)
    {
        AddLayer(new Keras.Dot(axes, normalize, name), Inputs(inputs, nameof(inputs)));
        return this;
    }

    /// <summary>Appends a Keras <c>Attention</c> that takes the outputs of named layers.</summary>
    /// <param name="inputs">The names of the layers it takes, in Keras' order; at least one, each added before.</param>
    /// <param name="useScale">Keras <c>use_scale</c>.</param>
    /// <param name="scoreMode">Keras <c>score_mode</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or a name is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="inputs"/> or a name is empty.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Attention(IReadOnlyList<string> inputs, bool useScale = false, AttentionScoreMode scoreMode = AttentionScoreMode.Dot, string? name = null)
    {
        AddLayer(new Keras.Attention(useScale, scoreMode, name), Inputs(inputs, nameof(inputs)));
        return this;
    }

    /// <summary>Appends a Keras <c>AdditiveAttention</c> that takes the outputs of named layers.</summary>
    /// <param name="inputs">The names of the layers it takes, in Keras' order; at least one, each added before.</param>
    /// <param name="useScale">Keras <c>use_scale</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or a name is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="inputs"/> or a name is empty.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder AdditiveAttention(IReadOnlyList<string> inputs, bool useScale = true, string? name = null)
    {
        AddLayer(new Keras.AdditiveAttention(useScale, name), Inputs(inputs, nameof(inputs)));
        return this;
    }

    /// <summary>Appends a Keras <c>Activation</c>.</summary>
    /// <param name="activation">Keras <c>activation</c>, e.g. <c>relu</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="activation"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="activation"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Activation(string activation, string? name = null) => Add(new Keras.Activation(activation, name));

    /// <summary>Appends a Keras <c>ReLU</c>.</summary>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder ReLU(string? name = null) => Add(new Keras.ReLU(name));

    /// <summary>Appends a Keras <c>LeakyReLU</c>.</summary>
    /// <param name="negativeSlope">Keras <c>negative_slope</c>, 0 or more.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder LeakyReLU(double negativeSlope = 0.3, string? name = null) => Add(new Keras.LeakyReLU(negativeSlope, name));

    /// <summary>Appends a Keras <c>ELU</c>.</summary>
    /// <param name="alpha">Keras <c>alpha</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Elu(double alpha = 1.0, string? name = null) => Add(new Keras.ELU(alpha, name));

    /// <summary>Appends a Keras <c>Softmax</c>.</summary>
    /// <param name="axis">Keras <c>axis</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Softmax(int axis = -1, string? name = null) => Add(new Keras.Softmax(axis, name));

    /// <summary>Appends a Keras <c>PReLU</c>.</summary>
    /// <param name="sharedAxes">Keras <c>shared_axes</c>, or <see langword="null"/>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder PReLU(IReadOnlyList<int>? sharedAxes = null, string? name = null) => Add(new Keras.PReLU(sharedAxes, name));

    /// <summary>Appends a Keras <c>GaussianNoise</c>.</summary>
    /// <param name="stddev">Keras <c>stddev</c>, 0 or more.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder GaussianNoise(double stddev, string? name = null) => Add(new Keras.GaussianNoise(stddev, name));

    /// <summary>Appends a Keras <c>GaussianDropout</c>.</summary>
    /// <param name="rate">Keras <c>rate</c>, in [0, 1).</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder GaussianDropout(double rate, string? name = null) => Add(new Keras.GaussianDropout(rate, name));

    /// <summary>Appends a Keras <c>AlphaDropout</c>.</summary>
    /// <param name="rate">Keras <c>rate</c>, in [0, 1).</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder AlphaDropout(double rate, string? name = null) => Add(new Keras.AlphaDropout(rate, name));

    /// <summary>Appends a Keras <c>SpatialDropout1D</c>.</summary>
    /// <param name="rate">Keras <c>rate</c>, in [0, 1).</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder SpatialDropout1D(double rate, string? name = null) => Add(new Keras.SpatialDropout1D(rate, name));

    /// <summary>Appends a Keras <c>SpatialDropout2D</c>.</summary>
    /// <param name="rate">Keras <c>rate</c>, in [0, 1).</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder SpatialDropout2D(double rate, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.SpatialDropout2D(rate, dataFormat, name));

    /// <summary>Appends a Keras <c>ActivityRegularization</c>.</summary>
    /// <param name="l1">Keras <c>l1</c>, 0 or more.</param>
    /// <param name="l2">Keras <c>l2</c>, 0 or more.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder ActivityRegularization(double l1 = 0, double l2 = 0, string? name = null) => Add(new Keras.ActivityRegularization(l1, l2, name));

    /// <summary>Appends a Keras <c>GroupNormalization</c>.</summary>
    /// <param name="groups">Keras <c>groups</c>, or -1.</param>
    /// <param name="axis">Keras <c>axis</c>.</param>
    /// <param name="center">Keras <c>center</c>.</param>
    /// <param name="scale">Keras <c>scale</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder GroupNormalization(int groups = 32, int axis = -1, bool center = true, bool scale = true, string? name = null) => Add(new Keras.GroupNormalization(groups, axis, center, scale, name));

    /// <summary>Appends a Keras <c>UnitNormalization</c>.</summary>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder UnitNormalization(string? name = null) => Add(new Keras.UnitNormalization(name));

    /// <summary>Appends a Keras <c>Normalization</c>.</summary>
    /// <param name="axes">Keras <c>axis</c>: the kept axes, empty for none; <see langword="null"/> for the last.</param>
    /// <param name="fixedStatistics">Whether mean and variance are given to the constructor (then no weights).</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Normalization(IReadOnlyList<int>? axes = null, bool fixedStatistics = false, string? name = null) => Add(new Keras.Normalization(axes, fixedStatistics, name));

    /// <summary>Appends a Keras <c>ConvLSTM1D</c>.</summary>
    /// <param name="filters">Keras <c>filters</c>, at least 1.</param>
    /// <param name="kernelSize">Keras <c>kernel_size</c>, at least 1.</param>
    /// <param name="strides">Keras <c>strides</c>.</param>
    /// <param name="padding">Keras <c>padding</c>.</param>
    /// <param name="dilationRate">Keras <c>dilation_rate</c>.</param>
    /// <param name="returnSequences">Keras <c>return_sequences</c>.</param>
    /// <param name="returnState">Keras <c>return_state</c>.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="ArgumentException">A per-axis list has the wrong length, or both strides and dilation are above 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder ConvLstm1D(int filters, int kernelSize, int strides = 1, Padding padding = Padding.Valid, int dilationRate = 1, bool returnSequences = false, bool returnState = false, bool useBias = true, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.ConvLstm1D(filters, kernelSize, strides, padding, dilationRate, returnSequences, returnState, useBias, dataFormat, name));

    /// <summary>Appends a Keras <c>ConvLSTM2D</c>.</summary>
    /// <param name="filters">Keras <c>filters</c>, at least 1.</param>
    /// <param name="kernelSize">Keras <c>kernel_size</c>: one size or one per axis.</param>
    /// <param name="strides">Keras <c>strides</c>; <see langword="null"/> for 1.</param>
    /// <param name="padding">Keras <c>padding</c>.</param>
    /// <param name="dilationRate">Keras <c>dilation_rate</c>; <see langword="null"/> for 1.</param>
    /// <param name="returnSequences">Keras <c>return_sequences</c>.</param>
    /// <param name="returnState">Keras <c>return_state</c>.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">A required list is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="ArgumentException">A per-axis list has the wrong length, or both strides and dilation are above 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder ConvLstm2D(int filters, IReadOnlyList<int> kernelSize, IReadOnlyList<int>? strides = null, Padding padding = Padding.Valid, IReadOnlyList<int>? dilationRate = null, bool returnSequences = false, bool returnState = false, bool useBias = true, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.ConvLstm2D(filters, kernelSize, strides, padding, dilationRate, returnSequences, returnState, useBias, dataFormat, name));

    /// <summary>Appends a Keras <c>ConvLSTM3D</c>.</summary>
    /// <param name="filters">Keras <c>filters</c>, at least 1.</param>
    /// <param name="kernelSize">Keras <c>kernel_size</c>: one size or one per axis.</param>
    /// <param name="strides">Keras <c>strides</c>; <see langword="null"/> for 1.</param>
    /// <param name="padding">Keras <c>padding</c>.</param>
    /// <param name="dilationRate">Keras <c>dilation_rate</c>; <see langword="null"/> for 1.</param>
    /// <param name="returnSequences">Keras <c>return_sequences</c>.</param>
    /// <param name="returnState">Keras <c>return_state</c>.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">A required list is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="ArgumentException">A per-axis list has the wrong length, or both strides and dilation are above 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder ConvLstm3D(int filters, IReadOnlyList<int> kernelSize, IReadOnlyList<int>? strides = null, Padding padding = Padding.Valid, IReadOnlyList<int>? dilationRate = null, bool returnSequences = false, bool returnState = false, bool useBias = true, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) => Add(new Keras.ConvLstm3D(filters, kernelSize, strides, padding, dilationRate, returnSequences, returnState, useBias, dataFormat, name));

    /// <summary>Appends a Keras <c>Lambda</c>.</summary>
    /// <param name="outputShape">Keras <c>output_shape</c> without the batch, or <see langword="null"/> when undeclared (the output shape is then unknown).</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Lambda(IReadOnlyList<long?>? outputShape = null, string? name = null) => Add(new Keras.Lambda(outputShape, name));

    /// <summary>Appends a nested Keras <c>Sequential</c> model: one row with every inner layer's weights.</summary>
    /// <param name="layers">The nested model's layers, first to last; at least one.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="layers"/> or a layer is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="layers"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder Sequential(IEnumerable<KerasLayer> layers, string? name = null) => Add(new Keras.Sequential(layers, name));

    /// <summary>Appends a Keras <c>MultiHeadAttention</c>: self-attention on the previous layer's output, or attention over named layers' outputs.</summary>
    /// <param name="numHeads">Keras <c>num_heads</c>, at least 1.</param>
    /// <param name="keyDim">Keras <c>key_dim</c>, at least 1.</param>
    /// <param name="valueDim">Keras <c>value_dim</c>, or <see langword="null"/> for <paramref name="keyDim"/>.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="outputShape">Keras <c>output_shape</c>, or <see langword="null"/> for the query's last dimension.</param>
    /// <param name="inputs">The names of the query, value and (optionally) key layers; <see langword="null"/> for self-attention on the previous layer's output.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="outputShape"/>, <paramref name="inputs"/> or a name is empty.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder MultiHeadAttention(int numHeads, int keyDim, int? valueDim = null, bool useBias = true, IReadOnlyList<int>? outputShape = null, IReadOnlyList<string>? inputs = null, string? name = null)
    {
        var layer = new Keras.MultiHeadAttention(numHeads, keyDim, valueDim, useBias, outputShape, name);
        AddLayer(layer, inputs is null ? null : Inputs(inputs, nameof(inputs)));
        return this;
    }

    /// <summary>Validates the names of the layers a layer takes.</summary>
    private static string[] Inputs(IReadOnlyList<string>? inputs, string paramName)
    {
        string[] names = Guard.NotNull(inputs, paramName).ToArray();
        if (names.Length == 0)
        {
            Guard.ThrowArgument(paramName, "'" + paramName + "' must name at least one layer.");
        }

        foreach (string name in names)
        {
            Guard.NotEmpty(name, paramName);
        }

        return names;
    }

    private static long? Steps(int? timeSteps)
    {
        if (timeSteps is int steps)
        {
            Guard.Positive(steps, nameof(timeSteps));
        }

        return timeSteps;
    }
}
