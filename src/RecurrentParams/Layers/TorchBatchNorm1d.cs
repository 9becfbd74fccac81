using RecurrentParams.Formulas;
using RecurrentParams.Internal;

namespace RecurrentParams.Layers;

/// <summary>PyTorch's <c>nn.BatchNorm1d</c> on <c>(batch, channels)</c> or <c>(batch, channels, length)</c>: weight and bias <c>(c,)</c>.</summary>
/// <remarks>
/// The running mean and variance are buffers, not parameters: PyTorch and torchinfo do not count them (Keras'
/// <see cref="BatchNormalization"/> counts them as non-trainable). Instances are immutable and thread-safe.
/// </remarks>
public sealed class TorchBatchNorm1d : Layer
{
    /// <summary>Initializes the module.</summary>
    /// <param name="affine"><c>affine</c>: learn weight and bias.</param>
    /// <param name="name">An explicit name, or <see langword="null"/> for a generated one.</param>
    public TorchBatchNorm1d(bool affine = true, string? name = null)
        : base("BatchNorm1d", name)
    {
        Affine = affine;
    }

    /// <summary>Gets <c>affine</c>.</summary>
    /// <value>Whether weight and bias are learned.</value>
    public bool Affine { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        if (context.Input.Rank is not (2 or 3))
        {
            context.Fail("expects (batch, channels) or (batch, channels, length) but receives " + context.Input);
        }

        long channels = context.ExpectKnown(1, "the number of channels (dimension 1)");
        WeightTensor[] weights = Affine
            ? [new("weight", new TensorShape(channels)), new("bias", new TensorShape(channels))]
            : [];
        return new LayerResult(new[] { context.Input }, weights)
        {
            Derivation = LayerMath.FromWeights("BatchNorm1d(" + LayerMath.Invariant(channels) + ")", weights),
        };
    }
}
