using System.Collections.Generic;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>AdditiveAttention</c> (Bahdanau-style) over a query, a value and an optional key.</summary>
/// <remarks>
/// Inputs and output as <see cref="Attention"/>. Weights: <c>scale (d,)</c> with <see cref="UseScale"/>, d the query's last
/// dimension. Source: Keras 3 <c>keras/src/layers/attention/additive_attention.py</c>. Instances are immutable and thread-safe.
/// </remarks>
public sealed class AdditiveAttention : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="useScale">Keras <c>use_scale</c>: learn a scale per feature of the scores.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    public AdditiveAttention(bool useScale = true, string? name = null)
        : base("AdditiveAttention", name)
    {
        UseScale = useScale;
    }

    /// <summary>Gets a value indicating whether a scale vector is learned.</summary>
    /// <value>Keras <c>use_scale</c>; default <see langword="true"/>.</value>
    public bool UseScale { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        OutputShape output = Attention.Output(context);
        var weights = new List<WeightTensor>();
        if (UseScale)
        {
            weights.Add(new WeightTensor("scale", new TensorShape(Attention.LastOf(context, 0, "query"))));
        }

        return new LayerResult(new[] { output }, weights)
        {
            Derivation = LayerMath.FromWeights("AdditiveAttention(use_scale=True)", weights),
        };
    }
}
