using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>ReLU</c>: the rectified linear unit; no weights, output shape equal to the input's.</summary>
/// <remarks>Source: Keras 3 <c>keras/src/layers/activations/relu.py</c>. Instances are immutable and thread-safe.</remarks>
public sealed class ReLU : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    public ReLU(string? name = null)
        : base("ReLU", name)
    {
    }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) => LayerMath.NoWeights(Guard.NotNull(context, nameof(context)).Input);
}
