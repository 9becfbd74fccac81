using System;
using System.Collections.Generic;

namespace RecurrentParams.Formulas;

/// <summary>Lists joined end to end, each tensor passed through its list's map (a rename or a flag): a module tree's <c>named_parameters()</c> without copying its stacks.</summary>
internal sealed class JoinedWeights : WeightSequence
{
    private readonly (IReadOnlyList<WeightTensor> Weights, Func<WeightTensor, WeightTensor> Map)[] parts;
    private readonly int[] starts;
    private readonly int count;

    /// <summary>Initializes the sequence.</summary>
    /// <param name="parts">The lists, in order, each with a map that changes no count.</param>
    public JoinedWeights(IReadOnlyList<(IReadOnlyList<WeightTensor> Weights, Func<WeightTensor, WeightTensor> Map)> parts)
    {
        this.parts = new (IReadOnlyList<WeightTensor>, Func<WeightTensor, WeightTensor>)[parts.Count];
        starts = new int[parts.Count];
        int total = 0;
        for (int k = 0; k < parts.Count; k++)
        {
            this.parts[k] = parts[k];
            starts[k] = total;
            total = checked(total + parts[k].Weights.Count);
        }

        count = total;
    }

    /// <inheritdoc/>
    public override int Count => count;

    /// <inheritdoc/>
    public override WeightTensor this[int index]
    {
        get
        {
            if (index < 0 || index >= count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, "Must be at least 0 and less than Count.");
            }

            int part = Array.BinarySearch(starts, index);
            if (part < 0)
            {
                part = ~part - 1;
            }

            // Empty parts share their start with the next one; the part holding the index is the last with that start.
            while (part + 1 < starts.Length && starts[part + 1] <= index)
            {
                part++;
            }

            return parts[part].Map(parts[part].Weights[index - starts[part]]);
        }
    }

    /// <inheritdoc/>
    public override long Sum(Func<WeightTensor, long> measure)
    {
        long total = 0;
        foreach ((IReadOnlyList<WeightTensor> weights, Func<WeightTensor, WeightTensor> map) in parts)
        {
            total = checked(total + SumOf(weights, w => measure(map(w))));
        }

        return total;
    }
}
