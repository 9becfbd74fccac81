using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>ELU</c>: the exponential linear unit; no weights, output shape equal to the input's.</summary>
/// <remarks>Source: Keras 3 <c>keras/src/layers/activations/elu.py</c>. Instances are immutable and thread-safe.</remarks>
public sealed class ELU : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="alpha">Keras <c>alpha</c>.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    public ELU(double alpha = 1.0, string? name = null)
        : base("ELU", name)
    {
        Alpha = alpha;
    }

    /// <summary>Gets the layer's <c>alpha</c> setting.</summary>
    /// <value>The scale of the negative part; default 1.</value>
    public double Alpha { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) => LayerMath.NoWeights(Guard.NotNull(context, nameof(context)).Input);
}
