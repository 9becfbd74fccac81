using System;
using System.Collections.Generic;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>AveragePooling3D</c>: the average over windows of <c>(batch, depth, rows, cols, channels)</c>, channels kept.</summary>
/// <remarks>
/// No weights. Each spatial length n becomes ⌊(n − p) / s⌋ + 1 with valid padding, ⌈n / s⌉ with same. Source: Keras 3
/// <c>keras/src/layers/pooling/base_pooling.py</c> and <c>compute_pooling_output_shape</c>. Instances are immutable and thread-safe.
/// </remarks>
public sealed class AveragePooling3D : KerasLayer
{
    private readonly ConvWindow window;

    /// <summary>Initializes the layer.</summary>
    /// <param name="poolSize">Keras <c>pool_size</c>: one size for every axis or one per axis, each at least 1; <see langword="null"/> for 2.</param>
    /// <param name="strides">Keras <c>strides</c>, one for every axis or one per axis; <see langword="null"/> for the pool size.</param>
    /// <param name="padding">Keras <c>padding</c>: valid or same.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1, or an enum value is not defined (causal padding included).</exception>
    /// <exception cref="ArgumentException">A per-axis list has the wrong length.</exception>
    public AveragePooling3D(IReadOnlyList<int>? poolSize = null, IReadOnlyList<int>? strides = null, Padding padding = Padding.Valid, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null)
        : base("AveragePooling3D", name)
    {
        int[] pool = Spatial.PerAxis(poolSize, 3, 2, 1, nameof(poolSize));
        window = new ConvWindow(3, pool, strides, null, padding, dataFormat, 2, nameof(poolSize), nameof(strides), pool);
    }

    /// <summary>Gets the window size of each axis (depth, rows, cols).</summary>
    /// <value>3 sizes.</value>
    public IReadOnlyList<int> PoolSize => Array.AsReadOnly(window.Kernel);

    /// <summary>Gets the stride of each axis.</summary>
    /// <value>3 strides; the pool size unless given.</value>
    public IReadOnlyList<int> Strides => Array.AsReadOnly(window.Strides);

    /// <summary>Gets the padding.</summary>
    /// <value>Valid or same.</value>
    public Padding Padding => window.Padding;

    /// <summary>Gets where the channels axis is.</summary>
    /// <value>Keras <c>data_format</c>.</value>
    public DataFormat DataFormat => window.Format;

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) => window.Pool(Guard.NotNull(context, nameof(context)));
}
