using System;
using System.Collections.Generic;
using System.Linq;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>Lambda</c>: an arbitrary function of its input; no weights, output shape as declared or unknown.</summary>
/// <remarks>
/// A Lambda's function is code, not configuration: its output shape is known only when the model declares it (Keras'
/// <c>output_shape</c>, without the batch dimension); otherwise it is <see cref="RecurrentParams.OutputShape.Unknown"/>,
/// and a following layer that needs its input shape cannot be built. Source: Keras 3
/// <c>keras/src/layers/core/lambda_layer.py</c>. Instances are immutable and thread-safe.
/// </remarks>
public sealed class Lambda : KerasLayer
{
    private readonly long?[]? outputShape;

    /// <summary>Initializes the layer.</summary>
    /// <param name="outputShape">Keras <c>output_shape</c>: the output's dimensions without the batch, <see langword="null"/> for an unknown one, each otherwise 0 or more; <see langword="null"/> when undeclared.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    public Lambda(IReadOnlyList<long?>? outputShape = null, string? name = null)
        : base("Lambda", name)
    {
        if (outputShape is not null)
        {
            this.outputShape = outputShape.ToArray();
            foreach (long? d in this.outputShape)
            {
                if (d < 0)
                {
                    Guard.ThrowOutOfRange(nameof(outputShape), d, "must hold dimensions of 0 or more (or null for unknown)");
                }
            }
        }
    }

    /// <summary>Gets the declared output shape, without the batch dimension.</summary>
    /// <value><see langword="null"/> when undeclared: the output shape is then unknown.</value>
    public IReadOnlyList<long?>? OutputShape => outputShape is null ? null : Array.AsReadOnly(outputShape);

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        return LayerMath.NoWeights(outputShape is null
            ? RecurrentParams.OutputShape.Unknown
            : new RecurrentParams.OutputShape(new[] { context.Input.IsKnown ? context.Input[0] : null }.Concat(outputShape).ToArray()));
    }
}
