using System;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>Dropout</c>: no weights, output shape equal to the input's.</summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class Dropout : KerasLayer
{
    /// <summary>Initializes a dropout layer.</summary>
    /// <param name="rate">Keras <c>rate</c>: the fraction dropped, in [0, 1).</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not in [0, 1).</exception>
    public Dropout(double rate, string? name = null)
        : base("Dropout", name)
    {
        if (!(rate >= 0 && rate < 1))
        {
            Guard.ThrowOutOfRange(nameof(rate), rate, "must be in [0, 1)");
        }

        Rate = rate;
    }

    /// <summary>Gets the fraction of inputs dropped during training.</summary>
    /// <value>In [0, 1).</value>
    public double Rate { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) =>
        new(new[] { Guard.NotNull(context, nameof(context)).Input }, Array.Empty<WeightTensor>());
}
