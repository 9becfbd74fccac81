using System;
using System.Collections.Generic;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>UpSampling2D</c>: repeats rows and columns, <c>(batch, rows, cols, channels)</c> to <c>(batch, rows·s₀, cols·s₁, channels)</c>.</summary>
/// <remarks>No weights; the interpolation changes no shape. Source: Keras 3 <c>keras/src/layers/reshaping/up_sampling2d.py</c>. Instances are immutable and thread-safe.</remarks>
public sealed class UpSampling2D : KerasLayer
{
    private readonly int[] size;

    /// <summary>Initializes the layer.</summary>
    /// <param name="size">Keras <c>size</c>: one factor for both axes or one per axis, each at least 1; <see langword="null"/> for Keras' <c>(2, 2)</c>.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentException"><paramref name="size"/> holds neither 1 nor 2 values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A factor is less than 1, or <paramref name="dataFormat"/> is not defined.</exception>
    public UpSampling2D(IReadOnlyList<int>? size = null, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null)
        : base("UpSampling2D", name)
    {
        this.size = Spatial.PerAxis(size, 2, 2, 1, nameof(size));
        Spatial.CheckDataFormat(dataFormat);
        DataFormat = dataFormat;
    }

    /// <summary>Gets the factor of each axis.</summary>
    /// <value>Two factors, each at least 1.</value>
    public IReadOnlyList<int> Size => Array.AsReadOnly(size);

    /// <summary>Gets where the channels axis is.</summary>
    /// <value>Keras <c>data_format</c>.</value>
    public DataFormat DataFormat { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) =>
        LayerMath.NoWeights(Spatial.MapAxes(Guard.NotNull(context, nameof(context)), 2, DataFormat, (axis, d) => d is long n ? checked(n * size[axis]) : null));
}
