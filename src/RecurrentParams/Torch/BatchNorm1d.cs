using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Torch;

/// <summary>PyTorch's <c>nn.BatchNorm1d</c> on <c>(batch, channels)</c> or <c>(batch, channels, length)</c>: weight and bias <c>(c,)</c>.</summary>
/// <remarks>
/// The running mean and variance are buffers, not parameters: PyTorch and torchinfo do not count them (Keras'
/// <see cref="Keras.BatchNormalization"/> counts them as non-trainable). Instances are immutable and thread-safe.
/// </remarks>
public sealed class BatchNorm1d : TorchModule
{
    /// <summary>Initializes the module.</summary>
    /// <param name="affine"><c>affine</c>: learn weight and bias.</param>
    /// <param name="featuresLast">
    /// <see langword="true"/> when the forward pass transposes a batch-first sequence <c>(batch, time, features)</c> to
    /// <c>(batch, features, time)</c> around the module (<c>bn(x.transpose(1, 2)).transpose(1, 2)</c>), the usual way after a
    /// recurrent layer: the channels are then the last dimension and the shape is unchanged.
    /// </param>
    /// <param name="name">An explicit name, or <see langword="null"/> for a generated one.</param>
    public BatchNorm1d(bool affine = true, bool featuresLast = false, string? name = null)
        : base("BatchNorm1d", name)
    {
        Affine = affine;
        FeaturesLast = featuresLast;
    }

    /// <summary>Gets a value indicating whether the channels are the input's last dimension (the module runs on a transposed sequence).</summary>
    /// <value>Default <see langword="false"/>: channels are dimension 1, as <c>nn.BatchNorm1d</c> takes them.</value>
    public bool FeaturesLast { get; }

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

        long channels = FeaturesLast
            ? context.ExpectKnown(-1, "the number of features (last dimension)")
            : context.ExpectKnown(1, "the number of channels (dimension 1)");
        WeightTensor[] weights = Affine
            ? [new("weight", new TensorShape(channels)), new("bias", new TensorShape(channels))]
            : [];
        return new LayerResult(new[] { context.Input }, weights)
        {
            Derivation = LayerMath.FromWeights("BatchNorm1d(" + LayerMath.Invariant(channels) + ")", weights),
        };
    }
}
