using System;
using System.Collections;
using System.Collections.Generic;

namespace RecurrentParams.Formulas;

/// <summary>
/// A list of weight tensors that computes its elements on demand, so that a stack of millions of identical layers costs
/// what its distinct blocks cost: <see cref="Count"/>, <see cref="Params"/>, <see cref="TrainableParams"/> and
/// <see cref="Sum"/> take time in the number of distinct blocks, not of tensors.
/// </summary>
/// <remarks>
/// <see cref="Sum"/> evaluates its measure on one representative of each run of repeated tensors, which differ only by
/// the layer index in their names; a measure must therefore give the same value for such tensors (it may look at the
/// shape, the element type, the trainable flag and the words in a name, not at the layer index). Instances are immutable
/// and thread-safe; enumerating one is proportional to its length, as the output that lists every tensor is.
/// </remarks>
internal abstract class WeightSequence : IReadOnlyList<WeightTensor>
{
    private long? parameters;
    private long? trainable;

    /// <summary>Gets the number of tensors.</summary>
    public abstract int Count { get; }

    /// <summary>Gets the number of scalar parameters of every tensor.</summary>
    public long Params => parameters ??= Sum(w => w.Count);

    /// <summary>Gets the number of scalar parameters of the trainable tensors.</summary>
    public long TrainableParams => trainable ??= Sum(w => w.Trainable ? w.Count : 0);

    /// <summary>Gets the tensor at a position, computed on demand.</summary>
    /// <param name="index">0 to <see cref="Count"/> − 1.</param>
    public abstract WeightTensor this[int index] { get; }

    /// <summary>The sum of a measure over a list: in the number of distinct blocks for a weight sequence, otherwise by enumerating it.</summary>
    /// <param name="weights">The list.</param>
    /// <param name="measure">The measure; see the remarks on the class.</param>
    /// <returns>The checked sum.</returns>
    public static long SumOf(IReadOnlyList<WeightTensor> weights, Func<WeightTensor, long> measure)
    {
        if (weights is WeightSequence sequence)
        {
            return sequence.Sum(measure);
        }

        long total = 0;
        foreach (WeightTensor weight in weights)
        {
            total = checked(total + measure(weight));
        }

        return total;
    }

    /// <summary>A view of a list with each tensor passed through a map that changes no count (a rename, a flag), lazy when the list is.</summary>
    /// <param name="weights">The list.</param>
    /// <param name="map">The map; for a weight sequence it must treat repeated tensors alike (see the remarks on the class).</param>
    /// <returns>The mapped list.</returns>
    public static IReadOnlyList<WeightTensor> Map(IReadOnlyList<WeightTensor> weights, Func<WeightTensor, WeightTensor> map) =>
        weights is WeightSequence ? new JoinedWeights([(weights, map)]) : Array.AsReadOnly(System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(weights, map)));

    /// <summary>The sum of a measure over every tensor, in the number of distinct blocks.</summary>
    /// <param name="measure">The measure; see the remarks on the class.</param>
    /// <returns>The checked sum.</returns>
    public abstract long Sum(Func<WeightTensor, long> measure);

    /// <inheritdoc/>
    public IEnumerator<WeightTensor> GetEnumerator()
    {
        for (int k = 0; k < Count; k++)
        {
            yield return this[k];
        }
    }

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
