using RecurrentParams.Formulas;
using RecurrentParams.Internal;

namespace RecurrentParams.Layers;

/// <summary>PyTorch's <c>nn.LayerNorm</c> over the last dimension: weight and bias <c>(d,)</c> when <c>elementwise_affine</c>.</summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class TorchLayerNorm : Layer
{
    /// <summary>Initializes the module.</summary>
    /// <param name="elementwiseAffine"><c>elementwise_affine</c>: learn weight and bias.</param>
    /// <param name="name">An explicit name, or <see langword="null"/> for a generated one.</param>
    public TorchLayerNorm(bool elementwiseAffine = true, string? name = null)
        : base("LayerNorm", name)
    {
        ElementwiseAffine = elementwiseAffine;
    }

    /// <summary>Gets <c>elementwise_affine</c>.</summary>
    /// <value>Whether weight and bias are learned.</value>
    public bool ElementwiseAffine { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        long features = context.ExpectKnown(-1, "the last dimension (normalized_shape)");
        WeightTensor[] weights = ElementwiseAffine
            ? [new("weight", new TensorShape(features)), new("bias", new TensorShape(features))]
            : [];
        return new LayerResult(new[] { context.Input }, weights)
        {
            Derivation = LayerMath.FromWeights("LayerNorm(" + LayerMath.Invariant(features) + ")", weights),
        };
    }
}
