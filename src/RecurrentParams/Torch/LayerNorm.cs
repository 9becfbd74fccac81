using System;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Torch;

/// <summary>PyTorch's <c>nn.LayerNorm</c> over the trailing dimensions: weight and bias of <c>normalized_shape</c> when <c>elementwise_affine</c>.</summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class LayerNorm : TorchModule
{
    /// <summary>Initializes the module.</summary>
    /// <param name="elementwiseAffine"><c>elementwise_affine</c>: learn weight and bias.</param>
    /// <param name="normalizedDims">How many trailing dimensions <c>normalized_shape</c> covers (1 for <c>LayerNorm(d)</c>, 2 for <c>LayerNorm([t, d])</c>); its sizes are taken from the input.</param>
    /// <param name="name">An explicit name, or <see langword="null"/> for a generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="normalizedDims"/> is less than 1.</exception>
    public LayerNorm(bool elementwiseAffine = true, int normalizedDims = 1, string? name = null)
        : base("LayerNorm", name)
    {
        Guard.Positive(normalizedDims, nameof(normalizedDims));
        ElementwiseAffine = elementwiseAffine;
        NormalizedDims = normalizedDims;
    }

    /// <summary>Gets how many trailing dimensions are normalized.</summary>
    /// <value>At least 1.</value>
    public int NormalizedDims { get; }

    /// <summary>Gets <c>elementwise_affine</c>.</summary>
    /// <value>Whether weight and bias are learned.</value>
    public bool ElementwiseAffine { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        if (context.Input.Rank <= NormalizedDims)
        {
            context.Fail("normalizes the last " + LayerMath.Invariant(NormalizedDims) + " dimensions but receives " + context.Input);
        }

        long[] shape = new long[NormalizedDims];
        for (int k = 0; k < NormalizedDims; k++)
        {
            shape[k] = context.ExpectKnown(k - NormalizedDims, "the normalized dimensions (normalized_shape)");
        }

        WeightTensor[] weights = ElementwiseAffine
            ? [new("weight", new TensorShape(shape)), new("bias", new TensorShape(shape))]
            : [];
        return new LayerResult(new[] { context.Input }, weights)
        {
            Derivation = LayerMath.FromWeights("LayerNorm(" + string.Join(", ", shape.Select(LayerMath.Invariant)) + ")", weights),
        };
    }
}
