using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>Softmax</c>: the softmax over an axis; no weights, output shape equal to the input's.</summary>
/// <remarks>Source: Keras 3 <c>keras/src/layers/activations/softmax.py</c>. Instances are immutable and thread-safe.</remarks>
public sealed class Softmax : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="axis">Keras <c>axis</c>.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    public Softmax(int axis = -1, string? name = null)
        : base("Softmax", name)
    {
        Axis = axis;
    }

    /// <summary>Gets the layer's <c>axis</c> setting.</summary>
    /// <value>The normalized axis; default -1.</value>
    public int Axis { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) => LayerMath.NoWeights(Guard.NotNull(context, nameof(context)).Input);
}
