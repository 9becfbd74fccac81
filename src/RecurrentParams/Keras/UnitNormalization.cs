using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>UnitNormalization</c>: scales each sample to unit L2 norm over its axes; no weights, output shape equal to the input's.</summary>
/// <remarks>Source: Keras 3 <c>keras/src/layers/normalization/unit_normalization.py</c>. Instances are immutable and thread-safe.</remarks>
public sealed class UnitNormalization : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    public UnitNormalization(string? name = null)
        : base("UnitNormalization", name)
    {
    }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) => LayerMath.NoWeights(Guard.NotNull(context, nameof(context)).Input);
}
