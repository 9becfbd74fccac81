using System;
using System.Collections.Generic;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>Dense</c>: a kernel on the last axis, so it works on <c>(batch, d)</c> and on sequences <c>(batch, time, d)</c> alike.</summary>
/// <remarks>Weights: kernel <c>(d, units)</c>, bias <c>(units,)</c>: <c>d·units + units</c>. Source: Keras 3 <c>keras/src/layers/core/dense.py</c>. Instances are immutable and thread-safe.</remarks>
public sealed class Dense : KerasLayer
{
    /// <summary>Initializes a dense layer.</summary>
    /// <param name="units">Keras <c>units</c>, at least 1.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is less than 1.</exception>
    public Dense(int units, bool useBias = true, string? name = null)
        : base("Dense", name)
    {
        Guard.Positive(units, nameof(units));
        Units = units;
        UseBias = useBias;
    }

    /// <summary>Gets the number of output units.</summary>
    /// <value>At least 1.</value>
    public int Units { get; }

    /// <summary>Gets a value indicating whether the layer has a bias.</summary>
    /// <value>Keras <c>use_bias</c>.</value>
    public bool UseBias { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        if (context.Input.Rank < 2)
        {
            context.Fail("expects at least (batch, features) but receives " + context.Input);
        }

        long features = context.ExpectKnown(-1, "the last dimension (features)");
        var weights = new List<WeightTensor> { new("kernel", new TensorShape(features, Units)) };
        if (UseBias)
        {
            weights.Add(new WeightTensor("bias", new TensorShape(Units)));
        }

        return new LayerResult(new[] { context.Input.WithLast(Units) }, weights)
        {
            Derivation = LayerMath.FromWeights("Dense(units=" + LayerMath.Invariant(Units) + ") on " + LayerMath.Invariant(features) + " features", weights),
            MacsPerStep = checked(features * Units),
        };
    }
}
