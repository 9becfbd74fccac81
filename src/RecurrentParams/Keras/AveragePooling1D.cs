using System;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>AveragePooling1D</c>: the average over windows of <c>(batch, steps, channels)</c>, channels kept.</summary>
/// <remarks>
/// No weights. Each spatial length n becomes ⌊(n − p) / s⌋ + 1 with valid padding, ⌈n / s⌉ with same. Source: Keras 3
/// <c>keras/src/layers/pooling/base_pooling.py</c> and <c>compute_pooling_output_shape</c>. Instances are immutable and thread-safe.
/// </remarks>
public sealed class AveragePooling1D : KerasLayer
{
    private readonly ConvWindow window;

    /// <summary>Initializes the layer.</summary>
    /// <param name="poolSize">Keras <c>pool_size</c>, at least 1.</param>
    /// <param name="strides">Keras <c>strides</c>, at least 1, or <see langword="null"/> for <paramref name="poolSize"/>.</param>
    /// <param name="padding">Keras <c>padding</c>: valid or same.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1, or an enum value is not defined (causal padding included).</exception>
    /// <exception cref="ArgumentException">A per-axis list has the wrong length.</exception>
    public AveragePooling1D(int poolSize = 2, int? strides = null, Padding padding = Padding.Valid, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null)
        : base("AveragePooling1D", name)
    {
        Guard.Positive(poolSize, nameof(poolSize));
        Guard.Positive(strides ?? poolSize, nameof(strides));
        window = new ConvWindow(1, [poolSize], [strides ?? poolSize], null, padding, dataFormat, 2, nameof(poolSize), nameof(strides));
    }

    /// <summary>Gets the window length.</summary>
    /// <value>At least 1.</value>
    public int PoolSize => window.Kernel[0];

    /// <summary>Gets the stride.</summary>
    /// <value>At least 1; the pool size unless given.</value>
    public int Strides => window.Strides[0];

    /// <summary>Gets the padding.</summary>
    /// <value>Valid or same.</value>
    public Padding Padding => window.Padding;

    /// <summary>Gets where the channels axis is.</summary>
    /// <value>Keras <c>data_format</c>.</value>
    public DataFormat DataFormat => window.Format;

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) => window.Pool(Guard.NotNull(context, nameof(context)));
}
