using System;
using System.Collections.Generic;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>PReLU</c>: a rectifier whose negative slope <c>alpha</c> is learned per element.</summary>
/// <remarks>
/// Weights: <c>alpha</c> with the input's shape without the batch, each axis of <see cref="SharedAxes"/> set to 1 (one slope
/// shared along it): on <c>(batch, 7, 5)</c> alpha is <c>(7, 5)</c>, with <c>shared_axes=[1]</c> <c>(1, 5)</c>. Source:
/// Keras 3 <c>keras/src/layers/activations/prelu.py</c>. Instances are immutable and thread-safe.
/// </remarks>
public sealed class PReLU : KerasLayer
{
    private readonly int[] sharedAxes;

    /// <summary>Initializes the layer.</summary>
    /// <param name="sharedAxes">Keras <c>shared_axes</c>: axes (counted with the batch as 0, so from 1) along which one slope is shared; <see langword="null"/> for none.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException">An axis is less than 1.</exception>
    public PReLU(IReadOnlyList<int>? sharedAxes = null, string? name = null)
        : base("PReLU", name)
    {
        this.sharedAxes = sharedAxes?.ToArray() ?? [];
        foreach (int axis in this.sharedAxes)
        {
            Guard.Positive(axis, nameof(sharedAxes));
        }
    }

    /// <summary>Gets the axes along which one slope is shared.</summary>
    /// <value>Axes counted from 1; empty by default.</value>
    public IReadOnlyList<int> SharedAxes => Array.AsReadOnly(sharedAxes);

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        OutputShape input = context.Input;
        if (input.Rank < 2)
        {
            context.ExpectRank(2, "at least (batch, features)");
        }

        var dims = new long[input.Rank - 1];
        for (int axis = 1; axis < input.Rank; axis++)
        {
            dims[axis - 1] = sharedAxes.Contains(axis) ? 1 : context.ExpectKnown(axis, "every axis it does not share");
        }

        foreach (int axis in sharedAxes.Where(a => a >= input.Rank))
        {
            Spatial.Axis(context, axis, input.Rank, "a shared axis");
        }

        WeightTensor[] weights = [new("alpha", new TensorShape(dims))];
        return new LayerResult(new[] { input }, weights) { Derivation = LayerMath.FromWeights("PReLU on " + input, weights) };
    }
}
