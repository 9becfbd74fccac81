using System;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>GlobalMaxPooling1D</c>: the maximum over every spatial position, <c>(batch, steps, channels)</c> to <c>(batch, channels)</c>.</summary>
/// <remarks>
/// No weights. With <see cref="KeepDims"/> the spatial axes stay, of length 1. Source: Keras 3
/// <c>keras/src/layers/pooling/base_global_pooling.py</c>. Instances are immutable and thread-safe.
/// </remarks>
public sealed class GlobalMaxPooling1D : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="keepDims">Keras <c>keepdims</c>: keep the spatial axes with length 1.</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dataFormat"/> is not defined.</exception>
    public GlobalMaxPooling1D(bool keepDims = false, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null)
        : base("GlobalMaxPooling1D", name)
    {
        Spatial.CheckDataFormat(dataFormat);
        KeepDims = keepDims;
        DataFormat = dataFormat;
    }

    /// <summary>Gets a value indicating whether the spatial axes are kept with length 1.</summary>
    /// <value>Keras <c>keepdims</c>; default <see langword="false"/>.</value>
    public bool KeepDims { get; }

    /// <summary>Gets where the channels axis is.</summary>
    /// <value>Keras <c>data_format</c>.</value>
    public DataFormat DataFormat { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) => Spatial.GlobalPool(Guard.NotNull(context, nameof(context)), 1, DataFormat, KeepDims);
}
