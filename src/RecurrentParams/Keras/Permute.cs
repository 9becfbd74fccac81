using System;
using System.Collections.Generic;
using System.Linq;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>Permute</c>: reorders the non-batch axes, e.g. <c>dims (2, 1)</c> turns <c>(batch, time, features)</c> into <c>(batch, features, time)</c>.</summary>
/// <remarks>No weights. Source: Keras 3 <c>keras/src/layers/reshaping/permute.py</c>. Instances are immutable and thread-safe.</remarks>
public sealed class Permute : KerasLayer
{
    private readonly int[] dims;

    /// <summary>Initializes the layer.</summary>
    /// <param name="dims">Keras <c>dims</c>: a permutation of 1 … n, the non-batch axes counted from 1.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dims"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="dims"/> is not a permutation of 1 … n.</exception>
    public Permute(IReadOnlyList<int> dims, string? name = null)
        : base("Permute", name)
    {
        this.dims = Guard.NotNull(dims, nameof(dims)).ToArray();
        if (this.dims.Length == 0 || !this.dims.OrderBy(d => d).SequenceEqual(Enumerable.Range(1, this.dims.Length)))
        {
            Guard.ThrowArgument(nameof(dims), "'dims' must be a permutation of 1 … n, the axes after the batch axis.");
        }
    }

    /// <summary>Gets the permutation of the non-batch axes, counted from 1.</summary>
    /// <value>A permutation of 1 … n.</value>
    public IReadOnlyList<int> Dims => Array.AsReadOnly(dims);

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        context.ExpectRank(dims.Length + 1, "a tensor of " + LayerMath.Invariant(dims.Length) + " axes after the batch axis");
        OutputShape input = context.Input;
        return LayerMath.NoWeights(new OutputShape(new[] { input[0] }.Concat(dims.Select(d => input[d])).ToArray()));
    }
}
