using System;
using System.Collections.Generic;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Torch;

/// <summary>PyTorch's <c>nn.Linear</c> on the last dimension; <c>in_features</c> is taken from the previous layer.</summary>
/// <remarks>Weights: weight <c>(out, in)</c>, bias <c>(out,)</c>. Instances are immutable and thread-safe.</remarks>
public sealed class Linear : TorchModule
{
    /// <summary>Initializes the module.</summary>
    /// <param name="outFeatures"><c>out_features</c>, at least 1.</param>
    /// <param name="bias"><c>bias</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/> for a generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outFeatures"/> is less than 1.</exception>
    public Linear(int outFeatures, bool bias = true, string? name = null)
        : base("Linear", name)
    {
        Guard.Positive(outFeatures, nameof(outFeatures));
        OutFeatures = outFeatures;
        Bias = bias;
    }

    /// <summary>Gets <c>out_features</c>.</summary>
    /// <value>At least 1.</value>
    public int OutFeatures { get; }

    /// <summary>Gets <c>bias</c>.</summary>
    /// <value>Whether the module has a bias.</value>
    public bool Bias { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        long inFeatures = context.ExpectKnown(-1, "the last dimension (in_features)");
        var weights = new List<WeightTensor> { new("weight", new TensorShape(OutFeatures, inFeatures)) };
        if (Bias)
        {
            weights.Add(new WeightTensor("bias", new TensorShape(OutFeatures)));
        }

        return new LayerResult(new[] { context.Input.WithLast(OutFeatures) }, weights)
        {
            Derivation = LayerMath.FromWeights("Linear(in_features=" + LayerMath.Invariant(inFeatures) + ", out_features=" + LayerMath.Invariant(OutFeatures) + ")", weights),
            MacsPerStep = checked(inFeatures * OutFeatures),
        };
    }
}
