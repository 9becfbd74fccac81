using System;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>SpatialDropout2D</c>: drops whole feature maps of an image; no weights, output shape equal to the input's.</summary>
/// <remarks>Source: Keras 3 <c>keras/src/layers/regularization/spatial_dropout.py</c>. Instances are immutable and thread-safe.</remarks>
public sealed class SpatialDropout2D : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="rate">Keras <c>rate</c>, in [0, 1).</param>
    /// <param name="dataFormat">Keras <c>data_format</c>.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public SpatialDropout2D(double rate, DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null)
        : base("SpatialDropout2D", name)
    {
        if (!(rate >= 0 && rate < 1))
        {
            Guard.ThrowOutOfRange(nameof(rate), rate, "must be in [0, 1)");
        }

        Spatial.CheckDataFormat(dataFormat);
        Rate = rate;
        DataFormat = dataFormat;
    }

    /// <summary>Gets the layer's <c>rate</c> setting.</summary>
    /// <value>The drop probability.</value>
    public double Rate { get; }

    /// <summary>Gets the layer's <c>dataFormat</c> setting.</summary>
    /// <value>Where the channels axis is.</value>
    public DataFormat DataFormat { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) => LayerMath.NoWeights(Guard.NotNull(context, nameof(context)).Input);
}
