using System;
using System.Collections.Generic;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>SeparableConv2D</c>: a depthwise convolution of every channel, then a pointwise (1×1) convolution to <c>filters</c> channels.</summary>
/// <remarks>
/// Weights: depthwise_kernel <c>(k..., channels, m)</c>, pointwise_kernel <c>(1..., channels·m, filters)</c>, bias <c>(filters,)</c>: <c>k·c·m + c·m·f + f</c>. Spatial lengths as for a convolution. Source: Keras 3 <c>keras/src/layers/convolutional/base_separable_conv.py</c>.
/// Instances are immutable and thread-safe.
/// </remarks>
public sealed class SeparableConv2D : KerasLayer
{
    private readonly ConvWindow window;

    /// <summary>Initializes the layer.</summary>
    /// <param name="filters">Keras <c>filters</c>, at least 1.</param>
    /// <param name="kernelSize">Keras <c>kernel_size</c>: one size for both axes or one per axis, each at least 1.</param>
    /// <param name="strides">Keras <c>strides</c>, one for both axes or one per axis; <see langword="null"/> for 1.</param>
    /// <param name="padding">Keras <c>padding</c>: valid or same.</param>
    /// <param name="dilationRate">Keras <c>dilation_rate</c>, one for both axes or one per axis; <see langword="null"/> for 1.</param>
    /// <param name="depthMultiplier">Keras <c>depth_multiplier</c>: kernels per input channel, at least 1.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentNullException">A required list is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1, or an enum value is not defined (causal padding included).</exception>
    /// <exception cref="ArgumentException">A per-axis list has the wrong length, or both strides and dilation are above 1.</exception>
    public SeparableConv2D(int filters, IReadOnlyList<int> kernelSize, IReadOnlyList<int>? strides = null, Padding padding = Padding.Valid, IReadOnlyList<int>? dilationRate = null, int depthMultiplier = 1, bool useBias = true, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null)
        : base("SeparableConv2D", name)
    {
        Guard.Positive(filters, nameof(filters));
        Guard.Positive(depthMultiplier, nameof(depthMultiplier));
        window = new ConvWindow(2, Guard.NotNull(kernelSize, nameof(kernelSize)), strides, dilationRate, padding, dataFormat, 1, nameof(kernelSize), nameof(strides));
        Filters = filters;
        DepthMultiplier = depthMultiplier;
        UseBias = useBias;
    }

    /// <summary>Gets the number of filters (output channels).</summary>
    /// <value>At least 1.</value>
    public int Filters { get; }

    /// <summary>Gets the kernel size of each axis (rows, cols).</summary>
    /// <value>2 sizes.</value>
    public IReadOnlyList<int> KernelSize => Array.AsReadOnly(window.Kernel);

    /// <summary>Gets the stride of each axis.</summary>
    /// <value>2 strides.</value>
    public IReadOnlyList<int> Strides => Array.AsReadOnly(window.Strides);

    /// <summary>Gets the dilation rate of each axis.</summary>
    /// <value>2 rates.</value>
    public IReadOnlyList<int> DilationRate => Array.AsReadOnly(window.Dilation);

    /// <summary>Gets the number of kernels per input channel.</summary>
    /// <value>At least 1; default 1.</value>
    public int DepthMultiplier { get; }

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
        window.Separable(Guard.NotNull(context, nameof(context)), "SeparableConv2D", Filters, DepthMultiplier, UseBias);
}
