using System;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>ActivityRegularization</c>: adds a penalty on the activations to the loss; no weights, output shape equal to the input's.</summary>
/// <remarks>Source: Keras 3 <c>keras/src/layers/regularization/activity_regularization.py</c>. Instances are immutable and thread-safe.</remarks>
public sealed class ActivityRegularization : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="l1">Keras <c>l1</c>, 0 or more.</param>
    /// <param name="l2">Keras <c>l2</c>, 0 or more.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public ActivityRegularization(double l1 = 0, double l2 = 0, string? name = null)
        : base("ActivityRegularization", name)
    {
        if (!(l1 >= 0))
        {
            Guard.ThrowOutOfRange(nameof(l1), l1, "must be 0 or more");
        }
        if (!(l2 >= 0))
        {
            Guard.ThrowOutOfRange(nameof(l2), l2, "must be 0 or more");
        }

        L1 = l1;
        L2 = l2;
    }

    /// <summary>Gets the layer's <c>l1</c> setting.</summary>
    /// <value>The L1 factor; default 0.</value>
    public double L1 { get; }

    /// <summary>Gets the layer's <c>l2</c> setting.</summary>
    /// <value>The L2 factor; default 0.</value>
    public double L2 { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) => LayerMath.NoWeights(Guard.NotNull(context, nameof(context)).Input);
}
