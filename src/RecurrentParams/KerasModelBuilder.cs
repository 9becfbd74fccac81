using System;
using System.Collections.Generic;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Keras;

namespace RecurrentParams;

/// <summary>Builds a Keras model: stacks Keras layers onto an input, inferring each layer's input from the previous layer's output, and builds its immutable <see cref="ModelSummary"/>.</summary>
/// <remarks>
/// <para>Start with an input (<see cref="Input(int?, int)"/>, <see cref="TokenInput"/> or <see cref="InputLayer(int?, int, string)"/>),
/// add layers with the fluent methods or <see cref="Add"/>, then call <see cref="ModelBuilder.Build"/>. Layers are named as
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
    public KerasModelBuilder Conv1D(int filters, int kernelSize, int strides = 1, Padding padding = Padding.Valid, bool useBias = true, string? name = null) =>
        Add(new Keras.Conv1D(filters, kernelSize, strides, padding, useBias, name));

    /// <summary>Appends a Keras <c>GlobalAveragePooling1D</c>.</summary>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder GlobalAveragePooling1D(string? name = null) => Add(new Keras.GlobalAveragePooling1D(name));

    /// <summary>Appends a Keras <c>MaxPooling1D</c>.</summary>
    /// <param name="poolSize">Keras <c>pool_size</c>, at least 1.</param>
    /// <param name="strides">Keras <c>strides</c>, or <see langword="null"/> for <paramref name="poolSize"/>.</param>
    /// <param name="padding">Keras <c>padding</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has no input yet.</exception>
    public KerasModelBuilder MaxPooling1D(int poolSize = 2, int? strides = null, Padding padding = Padding.Valid, string? name = null) =>
        Add(new Keras.MaxPooling1D(poolSize, strides, padding, name));

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

    private static long? Steps(int? timeSteps)
    {
        if (timeSteps is int steps)
        {
            Guard.Positive(steps, nameof(timeSteps));
        }

        return timeSteps;
    }
}
