using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>Reshape</c>: <c>(batch, ...)</c> to <c>(batch, targetShape...)</c>; one target dimension may be -1, inferred from the others.</summary>
/// <remarks>
/// No weights. The -1 dimension is the input's element count over the product of the others, or unknown when an input
/// dimension is. Source: Keras 3 <c>keras/src/layers/reshaping/reshape.py</c>. Instances are immutable and thread-safe.
/// </remarks>
public sealed class Reshape : KerasLayer
{
    private readonly int[] targetShape;

    /// <summary>Initializes the layer.</summary>
    /// <param name="targetShape">Keras <c>target_shape</c>, without the batch dimension: at least one dimension, each at least 1, except at most one -1.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="targetShape"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="targetShape"/> is empty, holds a value below -1, 0, or more than one -1.</exception>
    public Reshape(IReadOnlyList<int> targetShape, string? name = null)
        : base("Reshape", name)
    {
        this.targetShape = Guard.NotNull(targetShape, nameof(targetShape)).ToArray();
        if (this.targetShape.Length == 0 || this.targetShape.Any(d => d == 0 || d < -1) || this.targetShape.Count(d => d == -1) > 1)
        {
            Guard.ThrowArgument(nameof(targetShape), "'targetShape' must hold at least one dimension, each at least 1 except at most one -1 (inferred).");
        }
    }

    /// <summary>Gets the target shape, without the batch dimension.</summary>
    /// <value>At least one dimension; -1 marks the inferred one.</value>
    public IReadOnlyList<int> TargetShape => Array.AsReadOnly(targetShape);

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        if (context.Input.Rank < 1)
        {
            context.ExpectRank(2, "a tensor (batch, ...)");
        }

        long? elements = Spatial.Product(context.Input.Dimensions.Skip(1));
        long others = targetShape.Where(d => d != -1).Aggregate(1L, (acc, d) => checked(acc * d));
        var dims = new List<long?> { context.Input[0] };
        foreach (int d in targetShape)
        {
            dims.Add(d != -1 ? d : elements is long n && others > 0 && n % others == 0 ? n / others : elements is null ? null : Mismatch(context, elements.Value));
        }

        if (elements is long total && !targetShape.Contains(-1) && total != others)
        {
            Mismatch(context, total);
        }

        return LayerMath.NoWeights(new OutputShape(dims.ToArray()));
    }

    private long? Mismatch(LayerContext context, long elements)
    {
        context.Fail(string.Format(
            CultureInfo.InvariantCulture,
            "cannot reshape {0} elements per sample to {1}; the target must hold as many",
            elements,
            Spatial.Tuple(targetShape)));
        return null;
    }
}
