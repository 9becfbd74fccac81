using System;
using System.Collections.Generic;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>DepthwiseConv2D</c>: convolves every channel on its own with <c>depthMultiplier</c> kernels; the output has channels·m channels.</summary>
/// <remarks>
/// Weights: kernel <c>(k..., channels, m)</c>, bias <c>(channels·m,)</c>. Spatial lengths as for a convolution. Source: Keras 3 <c>keras/src/layers/convolutional/base_depthwise_conv.py</c>.
/// Instances are immutable and thread-safe.
/// </remarks>
public sealed class DepthwiseConv2D : KerasLayer
{
    private readonly ConvWindow window;

    /// <summary>Initializes the layer.</summary>
    /// <param name="kernelSize">Keras <c>kernel_size</c>: one size for both axes or one per axis, each at least 1.</param>
    /// <param name="strides">Keras <c>strides</c>, one for both axes or one per axis; <see langword="null"/> for 1.</param>
    /// <param name="padding">Keras <c>padding</c>: valid or same.</param>
    /// <param name="depthMultiplier">Keras <c>depth_multiplier</c>: kernels per input channel, at least 1.</param>
    /// <param name="dilationRate">Keras <c>dilation_rate</c>, one for both axes or one per axis; <see langword="null"/> for 1.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentNullException">A required list is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1, or an enum value is not defined (causal padding included).</exception>
    /// <exception cref="ArgumentException">A per-axis list has the wrong length, or both strides and dilation are above 1.</exception>
    public DepthwiseConv2D(IReadOnlyList<int> kernelSize, IReadOnlyList<int>? strides = null, Padding padding = Padding.Valid, int depthMultiplier = 1, IReadOnlyList<int>? dilationRate = null, bool useBias = true, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null)
        : base("DepthwiseConv2D", name)
    {
        Guard.Positive(depthMultiplier, nameof(depthMultiplier));
        window = new ConvWindow(2, Guard.NotNull(kernelSize, nameof(kernelSize)), strides, dilationRate, padding, dataFormat, 1, nameof(kernelSize), nameof(strides));
        DepthMultiplier = depthMultiplier;
        UseBias = useBias;
    }

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
        window.Depthwise(Guard.NotNull(context, nameof(context)), "DepthwiseConv2D", DepthMultiplier, UseBias);
}
