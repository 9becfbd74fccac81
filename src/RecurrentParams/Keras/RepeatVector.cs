using System;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>RepeatVector</c>: <c>(batch, d)</c> to <c>(batch, n, d)</c>, the bridge of a sequence-to-sequence autoencoder.</summary>
/// <remarks>No weights. Instances are immutable and thread-safe.</remarks>
public sealed class RepeatVector : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="n">Keras <c>n</c>: the number of repetitions (time steps), at least 1.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1.</exception>
    public RepeatVector(int n, string? name = null)
        : base("RepeatVector", name)
    {
        Guard.Positive(n, nameof(n));
        N = n;
    }

    /// <summary>Gets the number of repetitions.</summary>
    /// <value>At least 1.</value>
    public int N { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        context.ExpectRank(2, "a vector per sample (batch, features)");
        return new LayerResult(new[] { new OutputShape(context.Input[0], N, context.Input[1]) }, Array.Empty<WeightTensor>());
    }
}
