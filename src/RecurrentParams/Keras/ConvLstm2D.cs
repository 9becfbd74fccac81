using System;
using System.Collections.Generic;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>ConvLSTM2D</c>: an LSTM whose gates are 2-D convolutions, over <c>(batch, time, rows, cols, channels)</c>.</summary>
/// <remarks>
/// Weights: kernel <c>(k..., c, 4f)</c>, recurrent_kernel <c>(k..., f, 4f)</c>, bias <c>(4f,)</c>: <c>4f·(K·(c + f) + 1)</c>
/// with K the kernel's volume. Each step's spatial lengths are a convolution's (the recurrent convolution always pads
/// same). Output <c>(batch, [time,] spatial'..., f)</c>; with <see cref="ReturnState"/> the states h and c follow. Source:
/// Keras 3 <c>keras/src/layers/rnn/conv_lstm.py</c>. Instances are immutable and thread-safe.
/// </remarks>
public sealed class ConvLstm2D : KerasLayer
{
    private readonly ConvWindow window;

    /// <summary>Initializes the layer.</summary>
    /// <param name="filters">Keras <c>filters</c>, at least 1.</param>
    /// <param name="kernelSize">Keras <c>kernel_size</c>: one size for every axis or one per axis, each at least 1.</param>
    /// <param name="strides">Keras <c>strides</c> of the input convolution, one for every axis or one per axis; <see langword="null"/> for 1.</param>
    /// <param name="padding">Keras <c>padding</c> of the input convolution: valid or same.</param>
    /// <param name="dilationRate">Keras <c>dilation_rate</c>, one for every axis or one per axis; <see langword="null"/> for 1.</param>
    /// <param name="returnSequences">Keras <c>return_sequences</c>.</param>
    /// <param name="returnState">Keras <c>return_state</c>: also return the final states h and c.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentNullException">A required list is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1, or an enum value is not defined (causal padding included).</exception>
    /// <exception cref="ArgumentException">A per-axis list has the wrong length, or both strides and dilation are above 1.</exception>
    public ConvLstm2D(int filters, IReadOnlyList<int> kernelSize, IReadOnlyList<int>? strides = null, Padding padding = Padding.Valid, IReadOnlyList<int>? dilationRate = null, bool returnSequences = false, bool returnState = false, bool useBias = true, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null)
        : base("ConvLSTM2D", name)
    {
        Guard.Positive(filters, nameof(filters));
        window = new ConvWindow(2, Guard.NotNull(kernelSize, nameof(kernelSize)), strides, dilationRate, padding, dataFormat, 1, nameof(kernelSize), nameof(strides));
        Filters = filters;
        ReturnSequences = returnSequences;
        ReturnState = returnState;
        UseBias = useBias;
    }

    /// <summary>Gets the number of filters.</summary>
    /// <value>At least 1.</value>
    public int Filters { get; }

    /// <summary>Gets the kernel size of each axis (rows, cols).</summary>
    /// <value>2 sizes.</value>
    public IReadOnlyList<int> KernelSize => Array.AsReadOnly(window.Kernel);

    /// <summary>Gets the stride of each axis of the input convolution.</summary>
    /// <value>2 strides.</value>
    public IReadOnlyList<int> Strides => Array.AsReadOnly(window.Strides);

    /// <summary>Gets the dilation rate of each axis.</summary>
    /// <value>2 rates.</value>
    public IReadOnlyList<int> DilationRate => Array.AsReadOnly(window.Dilation);

    /// <summary>Gets the padding of the input convolution (the recurrent one always pads same).</summary>
    /// <value>Valid or same.</value>
    public Padding Padding => window.Padding;

    /// <summary>Gets where the channels axis is.</summary>
    /// <value>Keras <c>data_format</c>.</value>
    public DataFormat DataFormat => window.Format;

    /// <summary>Gets a value indicating whether every time step is returned.</summary>
    /// <value>Keras <c>return_sequences</c>.</value>
    public bool ReturnSequences { get; }

    /// <summary>Gets a value indicating whether the final states are returned too.</summary>
    /// <value>Keras <c>return_state</c>.</value>
    public bool ReturnState { get; }

    /// <summary>Gets a value indicating whether the layer has a bias.</summary>
    /// <value>Keras <c>use_bias</c>.</value>
    public bool UseBias { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) =>
        window.ConvLstm(Guard.NotNull(context, nameof(context)), "ConvLSTM2D", Filters, ReturnSequences, ReturnState, UseBias);
}
