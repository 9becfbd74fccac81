using System;
using System.Collections.Generic;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>Conv3D</c>: a 3-D convolution over <c>(batch, depth, rows, cols, channels)</c>.</summary>
/// <remarks>
/// Weights: kernel <c>(k..., channels / groups, filters)</c>, bias <c>(filters,)</c>. Each spatial length n becomes
/// ⌊(n − d·(k − 1) − 1) / s⌋ + 1 with valid padding, ⌈n / s⌉ with same. Source: Keras 3
/// <c>keras/src/layers/convolutional/base_conv.py</c>. Instances are immutable and thread-safe.
/// </remarks>
public sealed class Conv3D : KerasLayer
{
    private readonly ConvWindow window;

    /// <summary>Initializes a 3-D convolution.</summary>
    /// <param name="filters">Keras <c>filters</c>, at least 1 and divisible by <paramref name="groups"/>.</param>
    /// <param name="kernelSize">Keras <c>kernel_size</c>: one size for every axis (<c>[3]</c>) or one per axis (<c>[3, 5]</c>), each at least 1.</param>
    /// <param name="strides">Keras <c>strides</c>, one for every axis or one per axis, each at least 1; <see langword="null"/> for 1.</param>
    /// <param name="padding">Keras <c>padding</c>: valid or same.</param>
    /// <param name="dilationRate">Keras <c>dilation_rate</c>, one for every axis or one per axis, each at least 1; <see langword="null"/> for 1.</param>
    /// <param name="groups">Keras <c>groups</c>, at least 1.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="kernelSize"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1, or an enum value is not defined (causal padding included).</exception>
    /// <exception cref="ArgumentException">A per-axis list has the wrong length, <paramref name="filters"/> is not divisible by <paramref name="groups"/>, or both strides and dilation are above 1.</exception>
    public Conv3D(int filters, IReadOnlyList<int> kernelSize, IReadOnlyList<int>? strides = null, Padding padding = Padding.Valid, IReadOnlyList<int>? dilationRate = null, int groups = 1, bool useBias = true, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null)
        : base("Conv3D", name)
    {
        Guard.Positive(filters, nameof(filters));
        Guard.Positive(groups, nameof(groups));
        window = new ConvWindow(3, Guard.NotNull(kernelSize, nameof(kernelSize)), strides, dilationRate, padding, dataFormat, 1, nameof(kernelSize), nameof(strides));
        Conv2D.CheckFiltersGroups(filters, groups);
        Filters = filters;
        Groups = groups;
        UseBias = useBias;
    }

    /// <summary>Gets the number of filters (output channels).</summary>
    /// <value>At least 1.</value>
    public int Filters { get; }

    /// <summary>Gets the kernel size of each axis (depth, rows, cols).</summary>
    /// <value>3 sizes, e.g. <c>(3, 3, 3)</c>.</value>
    public IReadOnlyList<int> KernelSize => Array.AsReadOnly(window.Kernel);

    /// <summary>Gets the stride of each axis.</summary>
    /// <value>3 strides; default 1.</value>
    public IReadOnlyList<int> Strides => Array.AsReadOnly(window.Strides);

    /// <summary>Gets the dilation rate of each axis.</summary>
    /// <value>3 rates; default 1.</value>
    public IReadOnlyList<int> DilationRate => Array.AsReadOnly(window.Dilation);

    /// <summary>Gets the number of channel groups.</summary>
    /// <value>At least 1; default 1.</value>
    public int Groups { get; }

    /// <summary>Gets the padding.</summary>
    /// <value>Valid or same.</value>
    public Padding Padding => window.Padding;

    /// <summary>Gets where the channels axis is.</summary>
    /// <value>Keras <c>data_format</c>; default channels last.</value>
    public DataFormat DataFormat => window.Format;

    /// <summary>Gets a value indicating whether the layer has a bias.</summary>
    /// <value>Keras <c>use_bias</c>.</value>
    public bool UseBias { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) =>
        window.Convolve(Guard.NotNull(context, nameof(context)), "Conv3D", Filters, Groups, UseBias);
}
