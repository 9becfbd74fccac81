using System;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>Conv1D</c> over time: <c>(batch, time, channels)</c> to <c>(batch, time', filters)</c>.</summary>
/// <remarks>
/// Weights: kernel <c>(kernelSize, channels / groups, filters)</c>, bias <c>(filters,)</c>. time' =
/// ⌊(time − d·(kernelSize − 1) − 1) / strides⌋ + 1 for valid padding, ⌈time / strides⌉ for same and causal, with d the
/// dilation rate. With <see cref="DataFormat.ChannelsFirst"/> the input is <c>(batch, channels, time)</c>. Source: Keras 3
/// <c>keras/src/layers/convolutional/base_conv.py</c>. Instances are immutable and thread-safe.
/// </remarks>
public sealed class Conv1D : KerasLayer
{
    private readonly ConvWindow window;

    /// <summary>Initializes a 1-D convolution.</summary>
    /// <param name="filters">Keras <c>filters</c>, at least 1 and divisible by <paramref name="groups"/>.</param>
    /// <param name="kernelSize">Keras <c>kernel_size</c>, at least 1.</param>
    /// <param name="strides">Keras <c>strides</c>, at least 1.</param>
    /// <param name="padding">Keras <c>padding</c>: valid, same or causal.</param>
    /// <param name="dilationRate">Keras <c>dilation_rate</c>, at least 1; above 1 only with strides 1.</param>
    /// <param name="groups">Keras <c>groups</c>, at least 1: the channels are split into this many groups, each with its own filters.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1, or an enum value is not defined.</exception>
    /// <exception cref="ArgumentException"><paramref name="filters"/> is not divisible by <paramref name="groups"/>, or both strides and dilation are above 1.</exception>
    public Conv1D(int filters, int kernelSize, int strides = 1, Padding padding = Padding.Valid, int dilationRate = 1, int groups = 1, bool useBias = true, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null)
        : base("Conv1D", name)
    {
        Guard.Positive(filters, nameof(filters));
        Guard.Positive(kernelSize, nameof(kernelSize));
        Guard.Positive(strides, nameof(strides));
        Guard.Positive(dilationRate, nameof(dilationRate));
        Guard.Positive(groups, nameof(groups));
        window = new ConvWindow(1, [kernelSize], [strides], [dilationRate], padding, dataFormat, 1, nameof(kernelSize), nameof(strides), allowCausal: true);
        Conv2D.CheckFiltersGroups(filters, groups);
        Filters = filters;
        Groups = groups;
        UseBias = useBias;
    }

    /// <summary>Gets the number of filters (output channels).</summary>
    /// <value>At least 1.</value>
    public int Filters { get; }

    /// <summary>Gets the kernel length in time steps.</summary>
    /// <value>At least 1.</value>
    public int KernelSize => window.Kernel[0];

    /// <summary>Gets the stride in time steps.</summary>
    /// <value>At least 1.</value>
    public int Strides => window.Strides[0];

    /// <summary>Gets the dilation rate: the kernel reads every d-th step.</summary>
    /// <value>At least 1; default 1.</value>
    public int DilationRate => window.Dilation[0];

    /// <summary>Gets the number of channel groups.</summary>
    /// <value>At least 1; default 1.</value>
    public int Groups { get; }

    /// <summary>Gets the padding.</summary>
    /// <value>Valid, same or causal.</value>
    public Padding Padding => window.Padding;

    /// <summary>Gets where the channels axis is.</summary>
    /// <value>Keras <c>data_format</c>; default channels last.</value>
    public DataFormat DataFormat => window.Format;

    /// <summary>Gets a value indicating whether the layer has a bias.</summary>
    /// <value>Keras <c>use_bias</c>.</value>
    public bool UseBias { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) =>
        window.Convolve(Guard.NotNull(context, nameof(context)), "Conv1D", Filters, Groups, UseBias);
}
