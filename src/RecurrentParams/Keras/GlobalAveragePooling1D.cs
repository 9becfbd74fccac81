using System;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>GlobalAveragePooling1D</c>: averages over time, <c>(batch, time, channels)</c> to <c>(batch, channels)</c>.</summary>
/// <remarks>No weights. Instances are immutable and thread-safe.</remarks>
public sealed class GlobalAveragePooling1D : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    public GlobalAveragePooling1D(string? name = null)
        : base("GlobalAveragePooling1D", name)
    {
    }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        context.ExpectRank(3, "a sequence (batch, time, channels)");
        return new LayerResult(new[] { new OutputShape(context.Input[0], context.Input[2]) }, Array.Empty<WeightTensor>());
    }
}
