using System;
using System.Collections.Generic;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>Conv3DTranspose</c> (a deconvolution): upsamples <c>(batch, depth, rows, cols, channels)</c> with a learned kernel.</summary>
/// <remarks>
/// Weights: kernel <c>(k..., filters, channels)</c>, bias <c>(filters,)</c>. With the dilated kernel K = d·(k − 1) + 1, each
/// spatial length n becomes (n − 1)·s + K + (output_padding or max(K, s) − K) with valid padding; n·s with same, or
/// (n − 1)·s + K mod 2 + output_padding when an output padding is given. Source: Keras 3
/// <c>keras/src/layers/convolutional/base_conv_transpose.py</c> and <c>compute_conv_transpose_output_shape</c>.
/// Instances are immutable and thread-safe.
/// </remarks>
public sealed class Conv3DTranspose : KerasLayer
{
    private readonly ConvWindow window;
    private readonly int[]? outputPadding;

    /// <summary>Initializes the layer.</summary>
    /// <param name="filters">Keras <c>filters</c>, at least 1.</param>
    /// <param name="kernelSize">Keras <c>kernel_size</c>: one size for every axis or one per axis, each at least 1.</param>
    /// <param name="strides">Keras <c>strides</c>, one for every axis or one per axis, each at least 1; <see langword="null"/> for 1.</param>
    /// <param name="padding">Keras <c>padding</c>: valid or same.</param>
    /// <param name="outputPadding">Keras <c>output_padding</c>, one for every axis or one per axis, each 0 or more and less than its stride; <see langword="null"/> to infer it.</param>
    /// <param name="dilationRate">Keras <c>dilation_rate</c>, one for every axis or one per axis; <see langword="null"/> for 1.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentNullException">A required list is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of its range, or an enum value is not defined (causal padding included).</exception>
    /// <exception cref="ArgumentException">A per-axis list has the wrong length, or both strides and dilation are above 1.</exception>
    public Conv3DTranspose(int filters, IReadOnlyList<int> kernelSize, IReadOnlyList<int>? strides = null, Padding padding = Padding.Valid, IReadOnlyList<int>? outputPadding = null, IReadOnlyList<int>? dilationRate = null, bool useBias = true, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null)
        : base("Conv3DTranspose", name)
    {
        Guard.Positive(filters, nameof(filters));
        window = new ConvWindow(3, Guard.NotNull(kernelSize, nameof(kernelSize)), strides, dilationRate, padding, dataFormat, 1, nameof(kernelSize), nameof(strides));
        this.outputPadding = window.OutputPadding(outputPadding);
        Filters = filters;
        UseBias = useBias;
    }

    /// <summary>Gets the number of filters (output channels).</summary>
    /// <value>At least 1.</value>
    public int Filters { get; }

    /// <summary>Gets the kernel size of each axis (depth, rows, cols).</summary>
    /// <value>3 sizes.</value>
    public IReadOnlyList<int> KernelSize => Array.AsReadOnly(window.Kernel);

    /// <summary>Gets the stride (upsampling factor) of each axis.</summary>
    /// <value>3 strides.</value>
    public IReadOnlyList<int> Strides => Array.AsReadOnly(window.Strides);

    /// <summary>Gets the dilation rate of each axis.</summary>
    /// <value>3 rates.</value>
    public IReadOnlyList<int> DilationRate => Array.AsReadOnly(window.Dilation);

    /// <summary>Gets the output padding of each axis.</summary>
    /// <value><see langword="null"/> when inferred (the default).</value>
    public IReadOnlyList<int>? OutputPadding => outputPadding is null ? null : Array.AsReadOnly(outputPadding);

    /// <summary>Gets the padding.</summary>
    /// <value>Valid or same.</value>
    public Padding Padding => window.Padding;

    /// <summary>Gets where the channels axis is.</summary>
    /// <value>Keras <c>data_format</c>.</value>
    public DataFormat DataFormat => window.Format;

    /// <summary>Gets a value indicating whether the layer has a bias.</summary>
    /// <value>Keras <c>use_bias</c>.</value>
    public bool UseBias { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) =>
        window.Transpose(Guard.NotNull(context, nameof(context)), "Conv3DTranspose", Filters, outputPadding, UseBias);
}
