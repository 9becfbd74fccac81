using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>Subtract</c> merge layer: the difference of two tensors of exactly two tensors (the first minus the second); no weights.</summary>
/// <remarks>
/// The inputs broadcast as Keras broadcasts them: aligned on the last axis, a 1 takes the other length, an unknown length
/// makes the result's unknown. In a <see cref="KerasModelBuilder"/>, name the layers it merges:
/// <c>.Add(new Subtract(), "lstm", "gru")</c>. Source: Keras 3 <c>keras/src/layers/merging/base_merge.py</c>.
/// Instances are immutable and thread-safe.
/// </remarks>
public sealed class Subtract : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    public Subtract(string? name = null)
        : base("Subtract", name)
    {
    }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) =>
        LayerMath.NoWeights(MergeMath.Broadcast(Guard.NotNull(context, nameof(context)), ClassName));
}
