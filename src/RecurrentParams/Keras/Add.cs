using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>Add</c> merge layer: the element-wise sum of a list of tensors; no weights.</summary>
/// <remarks>
/// The inputs broadcast as Keras broadcasts them: aligned on the last axis, a 1 takes the other length, an unknown length
/// makes the result's unknown. In a <see cref="KerasModelBuilder"/>, name the layers it merges:
/// <c>.Add(new Add(), "lstm", "gru")</c>. Source: Keras 3 <c>keras/src/layers/merging/base_merge.py</c>.
/// Instances are immutable and thread-safe.
/// </remarks>
public sealed class Add : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    public Add(string? name = null)
        : base("Add", name)
    {
    }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) =>
        LayerMath.NoWeights(MergeMath.Broadcast(Guard.NotNull(context, nameof(context)), ClassName));
}
