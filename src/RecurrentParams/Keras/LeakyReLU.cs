using System;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>LeakyReLU</c>: a rectifier with a slope for negative inputs; no weights, output shape equal to the input's.</summary>
/// <remarks>Source: Keras 3 <c>keras/src/layers/activations/leaky_relu.py</c>. Instances are immutable and thread-safe.</remarks>
public sealed class LeakyReLU : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="negativeSlope">Keras <c>negative_slope</c> (<c>alpha</c> in Keras 2), 0 or more.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public LeakyReLU(double negativeSlope = 0.3, string? name = null)
        : base("LeakyReLU", name)
    {
        if (!(negativeSlope >= 0))
        {
            Guard.ThrowOutOfRange(nameof(negativeSlope), negativeSlope, "must be 0 or more");
        }

        NegativeSlope = negativeSlope;
    }

    /// <summary>Gets the layer's <c>negativeSlope</c> setting.</summary>
    /// <value>The slope below 0; default 0.3.</value>
    public double NegativeSlope { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) => LayerMath.NoWeights(Guard.NotNull(context, nameof(context)).Input);
}
