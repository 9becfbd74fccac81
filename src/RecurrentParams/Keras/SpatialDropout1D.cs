using System;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>SpatialDropout1D</c>: drops whole feature maps of a sequence; no weights, output shape equal to the input's.</summary>
/// <remarks>Source: Keras 3 <c>keras/src/layers/regularization/spatial_dropout.py</c>. Instances are immutable and thread-safe.</remarks>
public sealed class SpatialDropout1D : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="rate">Keras <c>rate</c>, in [0, 1).</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public SpatialDropout1D(double rate, string? name = null)
        : base("SpatialDropout1D", name)
    {
        if (!(rate >= 0 && rate < 1))
        {
            Guard.ThrowOutOfRange(nameof(rate), rate, "must be in [0, 1)");
        }

        Rate = rate;
    }

    /// <summary>Gets the layer's <c>rate</c> setting.</summary>
    /// <value>The drop probability.</value>
    public double Rate { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) => LayerMath.NoWeights(Guard.NotNull(context, nameof(context)).Input);
}
