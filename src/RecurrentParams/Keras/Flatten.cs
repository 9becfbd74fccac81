using System;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>Flatten</c>: <c>(batch, d1, d2, ...)</c> to <c>(batch, d1·d2·...)</c>; unknown when any dimension is.</summary>
/// <remarks>After a sequence this bakes the number of time steps into the next layer's weights. Instances are immutable and thread-safe.</remarks>
public sealed class Flatten : KerasLayer
{
    /// <summary>Initializes a flatten layer.</summary>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    public Flatten(string? name = null)
        : base("Flatten", name)
    {
    }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        long?[] dims = LayerMath.Dims(context.Input);
        long? product = 1;
        foreach (long? d in dims.Skip(1))
        {
            product = product is long p && d is long q ? checked(p * q) : null;
        }

        return new LayerResult(new[] { new OutputShape(dims[0], product) }, Array.Empty<WeightTensor>());
    }
}
