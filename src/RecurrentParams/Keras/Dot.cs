using System;
using System.Collections.Generic;
using System.Linq;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>Dot</c>: the dot product of two tensors along an axis of each (a batched matrix product); no weights.</summary>
/// <remarks>
/// The output joins the first input's remaining axes and the second's (without its batch); a rank-1 result gets a trailing 1,
/// e.g. <c>(None, 5)·(None, 5)</c> on axes 1 gives <c>(None, 1)</c>. Source: Keras 3 <c>keras/src/layers/merging/dot.py</c>.
/// Instances are immutable and thread-safe.
/// </remarks>
public sealed class Dot : KerasLayer
{
    private readonly int[] axes;

    /// <summary>Initializes the layer.</summary>
    /// <param name="axes">Keras <c>axes</c>: one axis for both inputs, or one per input; negative counts from the end; never the batch axis 0.</param>
    /// <param name="normalize">Keras <c>normalize</c>: L2-normalize before the product (a cosine similarity).</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="axes"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="axes"/> holds neither 1 nor 2 axes, or an axis is 0.</exception>
    public Dot(IReadOnlyList<int> axes, bool normalize = false, string? name = null)
        : base("Dot", name)
    {
        this.axes = Guard.NotNull(axes, nameof(axes)).ToArray();
        if (this.axes.Length is not (1 or 2) || this.axes.Contains(0))
        {
            Guard.ThrowArgument(nameof(axes), "'axes' must hold one axis (for both inputs) or two (one per input), none the batch axis 0.");
        }

        Normalize = normalize;
    }

    /// <summary>Gets the contracted axes.</summary>
    /// <value>One axis for both inputs, or one per input.</value>
    public IReadOnlyList<int> Axes => Array.AsReadOnly(axes);

    /// <summary>Gets a value indicating whether the inputs are L2-normalized first.</summary>
    /// <value>Keras <c>normalize</c>; default <see langword="false"/>.</value>
    public bool Normalize { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) =>
        LayerMath.NoWeights(MergeMath.Dot(Guard.NotNull(context, nameof(context)), axes));
}
