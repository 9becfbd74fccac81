using System;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>GaussianNoise</c>: adds zero-mean Gaussian noise during training; no weights, output shape equal to the input's.</summary>
/// <remarks>Source: Keras 3 <c>keras/src/layers/regularization/gaussian_noise.py</c>. Instances are immutable and thread-safe.</remarks>
public sealed class GaussianNoise : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="stddev">Keras <c>stddev</c>, 0 or more.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public GaussianNoise(double stddev, string? name = null)
        : base("GaussianNoise", name)
    {
        if (!(stddev >= 0))
        {
            Guard.ThrowOutOfRange(nameof(stddev), stddev, "must be 0 or more");
        }

        Stddev = stddev;
    }

    /// <summary>Gets the layer's <c>stddev</c> setting.</summary>
    /// <value>The noise's standard deviation.</value>
    public double Stddev { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) => LayerMath.NoWeights(Guard.NotNull(context, nameof(context)).Input);
}
