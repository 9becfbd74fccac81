using System.Collections.Generic;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;

namespace RecurrentParams.Layers;

/// <summary>Keras' <c>LayerNormalization</c> on the last axis: gamma and beta, <c>2d</c> parameters.</summary>
/// <remarks>Source: Keras 3 <c>keras/src/layers/normalization/layer_normalization.py</c>. Instances are immutable and thread-safe.</remarks>
public sealed class LayerNormalization : Layer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="center">Keras <c>center</c>: learn an offset beta.</param>
    /// <param name="scale">Keras <c>scale</c>: learn a factor gamma.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    public LayerNormalization(bool center = true, bool scale = true, string? name = null)
        : base("LayerNormalization", name)
    {
        Center = center;
        Scale = scale;
    }

    /// <summary>Gets a value indicating whether beta is learned.</summary>
    /// <value>Keras <c>center</c>.</value>
    public bool Center { get; }

    /// <summary>Gets a value indicating whether gamma is learned.</summary>
    /// <value>Keras <c>scale</c>.</value>
    public bool Scale { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        long features = context.ExpectKnown(-1, "the number of features");
        var shape = new TensorShape(features);
        var weights = new List<WeightTensor>();
        if (Scale)
        {
            weights.Add(new WeightTensor("gamma", shape));
        }

        if (Center)
        {
            weights.Add(new WeightTensor("beta", shape));
        }

        return new LayerResult(new[] { context.Input }, weights)
        {
            Derivation = LayerMath.FromWeights("LayerNormalization on " + LayerMath.Invariant(features) + " features", weights),
        };
    }
}
