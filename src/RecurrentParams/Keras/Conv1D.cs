using System;
using System.Collections.Generic;
using System.Globalization;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>Conv1D</c> over time: <c>(batch, time, channels)</c> to <c>(batch, time', filters)</c>.</summary>
/// <remarks>
/// Weights: kernel <c>(kernelSize, channels, filters)</c>, bias <c>(filters,)</c>. time' = ⌊(time − kernelSize) / strides⌋ + 1
/// for valid padding, ⌈time / strides⌉ for same. Source: Keras 3 <c>keras/src/layers/convolutional/base_conv.py</c>.
/// Instances are immutable and thread-safe.
/// </remarks>
public sealed class Conv1D : KerasLayer
{
    /// <summary>Initializes a 1-D convolution.</summary>
    /// <param name="filters">Keras <c>filters</c>, at least 1.</param>
    /// <param name="kernelSize">Keras <c>kernel_size</c>, at least 1.</param>
    /// <param name="strides">Keras <c>strides</c>, at least 1.</param>
    /// <param name="padding">Keras <c>padding</c>.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    public Conv1D(int filters, int kernelSize, int strides = 1, Padding padding = Padding.Valid, bool useBias = true, string? name = null)
        : base("Conv1D", name)
    {
        Guard.Positive(filters, nameof(filters));
        Guard.Positive(kernelSize, nameof(kernelSize));
        Guard.Positive(strides, nameof(strides));
        if (padding is < Padding.Valid or > Padding.Causal)
        {
            Guard.ThrowOutOfRange(nameof(padding), padding, "must be a defined Padding");
        }
        Filters = filters;
        KernelSize = kernelSize;
        Strides = strides;
        Padding = padding;
        UseBias = useBias;
    }

    /// <summary>Gets the number of filters (output channels).</summary>
    /// <value>At least 1.</value>
    public int Filters { get; }

    /// <summary>Gets the kernel length in time steps.</summary>
    /// <value>At least 1.</value>
    public int KernelSize { get; }

    /// <summary>Gets the stride in time steps.</summary>
    /// <value>At least 1.</value>
    public int Strides { get; }

    /// <summary>Gets the padding.</summary>
    /// <value>Valid, same or causal.</value>
    public Padding Padding { get; }

    /// <summary>Gets a value indicating whether the layer has a bias.</summary>
    /// <value>Keras <c>use_bias</c>.</value>
    public bool UseBias { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        context.ExpectRank(3, "a sequence (batch, time, channels)");
        long channels = context.ExpectKnown(-1, "the number of channels");
        long? time = LayerMath.TimeWindow(context, KernelSize, Strides, Padding, "has a kernel of {0} steps but receives {1} time steps; use padding Same or a shorter kernel");
        var weights = new List<WeightTensor> { new("kernel", new TensorShape(KernelSize, channels, Filters)) };
        if (UseBias)
        {
            weights.Add(new WeightTensor("bias", new TensorShape(Filters)));
        }

        return new LayerResult(new[] { new OutputShape(context.Input[0], time, Filters) }, weights)
        {
            Derivation = LayerMath.FromWeights(string.Format(CultureInfo.InvariantCulture, "Conv1D(filters={0}, kernel_size={1}) on {2} channels", Filters, KernelSize, channels), weights),
            MacsPerStep = weights[0].Count,
        };
    }
}
