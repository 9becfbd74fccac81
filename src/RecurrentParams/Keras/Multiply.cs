using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>Multiply</c> merge layer: the element-wise product of a list of tensors; no weights.</summary>
/// <remarks>
/// The inputs broadcast as Keras broadcasts them: aligned on the last axis, a 1 takes the other length, an unknown length
/// makes the result's unknown. In a <see cref="KerasModelBuilder"/>, name the layers it merges:
/// <c>.Add(new Multiply(), "lstm", "gru")</c>. Source: Keras 3 <c>keras/src/layers/merging/base_merge.py</c>.
/// Instances are immutable and thread-safe.
/// </remarks>
public sealed class Multiply : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    public Multiply(string? name = null)
        : base("Multiply", name)
    {
    }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) =>
        LayerMath.NoWeights(MergeMath.Broadcast(Guard.NotNull(context, nameof(context)), ClassName));
}
