using System;
using System.Collections.Generic;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>Normalization</c> preprocessing layer: subtracts a mean and divides by a standard deviation, learned by <c>adapt()</c>.</summary>
/// <remarks>
/// Weights, all non-trainable: <c>mean</c> and <c>variance</c> with the shape of the kept axes, and a scalar <c>count</c>:
/// <c>2·Π(kept) + 1</c>. When the mean and variance are given to the constructor (<see cref="FixedStatistics"/>) Keras keeps
/// them as constants: no weights. Source: Keras 3 <c>keras/src/layers/preprocessing/normalization.py</c>. Instances are
/// immutable and thread-safe.
/// </remarks>
public sealed class Normalization : KerasLayer
{
    private readonly int[] axes;

    /// <summary>Initializes the layer.</summary>
    /// <param name="axes">Keras <c>axis</c>: the kept axes (counted with the batch as 0, negative from the end), each with its own mean; empty for one mean over everything (Keras' <c>axis=None</c>); <see langword="null"/> for the last axis.</param>
    /// <param name="fixedStatistics">Whether the mean and variance are given to the constructor, so that they are constants rather than weights.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException">An axis is 0, the batch axis.</exception>
    public Normalization(IReadOnlyList<int>? axes = null, bool fixedStatistics = false, string? name = null)
        : base("Normalization", name)
    {
        this.axes = axes?.ToArray() ?? [-1];
        if (this.axes.Contains(0))
        {
            Guard.ThrowOutOfRange(nameof(axes), 0, "must not contain the batch axis 0");
        }

        FixedStatistics = fixedStatistics;
    }

    /// <summary>Gets the kept axes.</summary>
    /// <value><c>[-1]</c> by default; empty for one mean over every axis.</value>
    public IReadOnlyList<int> Axes => Array.AsReadOnly(axes);

    /// <summary>Gets a value indicating whether the statistics are constants given to the constructor.</summary>
    /// <value>Default <see langword="false"/>: they are learned by <c>adapt()</c> and stored as weights.</value>
    public bool FixedStatistics { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        if (FixedStatistics)
        {
            return LayerMath.NoWeights(context.Input);
        }

        long[] kept = axes.Select(axis => context.ExpectKnown(Spatial.Axis(context, axis, context.Input.Rank, "axis"), "the size of the kept axes")).ToArray();
        var statistics = new TensorShape(kept);
        WeightTensor[] weights =
        [
            new("mean", statistics) { Trainable = false },
            new("variance", statistics) { Trainable = false },
            new("count", new TensorShape()) { Trainable = false },
        ];
        return new LayerResult(new[] { context.Input }, weights)
        {
            Derivation = LayerMath.FromWeights("Normalization (mean, variance and count, non-trainable)", weights),
        };
    }
}
