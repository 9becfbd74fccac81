using System;
using System.Collections.Generic;
using RecurrentParams.Internal;

namespace RecurrentParams.Formulas;

/// <summary>The weights of a stacked recurrent module: layer 0's tensors, then the same block of tensors for every deeper layer, computed on demand.</summary>
internal sealed class StackedWeights : WeightSequence
{
    private readonly IReadOnlyList<WeightTensor> first;
    private readonly int perLayer;
    private readonly int count;
    private readonly Func<int, int, WeightTensor> tensorAt;

    /// <summary>Initializes the sequence.</summary>
    /// <param name="first">Layer 0's tensors, every direction.</param>
    /// <param name="perLayer">The number of tensors of each deeper layer, at least 1.</param>
    /// <param name="deeperLayers">The number of deeper layers (num_layers − 1), at least 1.</param>
    /// <param name="tensorAt">The tensor of a deeper layer (1 or more) at a position in its block.</param>
    /// <exception cref="ArgumentOutOfRangeException">The stack holds more than <see cref="int.MaxValue"/> tensors.</exception>
    public StackedWeights(IReadOnlyList<WeightTensor> first, int perLayer, int deeperLayers, Func<int, int, WeightTensor> tensorAt)
    {
        this.first = first;
        this.perLayer = perLayer;
        this.tensorAt = tensorAt;
        long total = checked(first.Count + ((long)perLayer * deeperLayers));
        if (total > int.MaxValue)
        {
            Guard.ThrowOutOfRange("numLayers", checked(deeperLayers + 1), "gives " + total.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " weight tensors, more than a list holds (2,147,483,647); use Params to count such a stack");
        }

        count = (int)total;
        DeeperLayers = deeperLayers;
    }

    /// <summary>Gets the number of deeper layers.</summary>
    public int DeeperLayers { get; }

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

            if (index < first.Count)
            {
                return first[index];
            }

            int deeper = index - first.Count;
            return tensorAt(1 + (deeper / perLayer), deeper % perLayer);
        }
    }

    /// <inheritdoc/>
    public override long Sum(Func<WeightTensor, long> measure)
    {
        long total = 0;
        foreach (WeightTensor weight in first)
        {
            total = checked(total + measure(weight));
        }

        long block = 0;
        for (int k = 0; k < perLayer; k++)
        {
            block = checked(block + measure(tensorAt(1, k)));
        }

        return checked(total + (block * DeeperLayers));
    }
}
