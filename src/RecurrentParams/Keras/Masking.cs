using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>Masking</c>: marks the time steps whose features all equal a value as padding; no weights, output shape equal to the input's.</summary>
/// <remarks>Source: Keras 3 <c>keras/src/layers/core/masking.py</c>. Instances are immutable and thread-safe.</remarks>
public sealed class Masking : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="maskValue">Keras <c>mask_value</c>.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    public Masking(double maskValue = 0, string? name = null)
        : base("Masking", name)
    {
        MaskValue = maskValue;
    }

    /// <summary>Gets the value that marks a padded step.</summary>
    /// <value>Keras <c>mask_value</c>; default 0.</value>
    public double MaskValue { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) => LayerMath.NoWeights(Guard.NotNull(context, nameof(context)).Input);
}
