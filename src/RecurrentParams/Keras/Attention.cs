using System;
using System.Collections.Generic;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>Attention</c> (Luong-style dot-product attention) over a query, a value and an optional key.</summary>
/// <remarks>
/// <para>Inputs <c>[query (batch, Tq, d), value (batch, Tv, dv), key (batch, Tv, d)]</c>, the key defaulting to the value;
/// output <c>(batch, Tq, dv)</c>. Weights: a scalar <c>scale</c> with <see cref="UseScale"/>, a scalar
/// <c>concat_score_weight</c> with <see cref="AttentionScoreMode.Concat"/>. In a <see cref="KerasModelBuilder"/>, name the
/// query and value layers: <c>.Add(new Attention(), "decoder", "encoder")</c>.</para>
/// <para>Source: Keras 3 <c>keras/src/layers/attention/attention.py</c>. Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class Attention : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="useScale">Keras <c>use_scale</c>: learn a scalar that scales the scores.</param>
    /// <param name="scoreMode">Keras <c>score_mode</c>.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scoreMode"/> is not defined.</exception>
    public Attention(bool useScale = false, AttentionScoreMode scoreMode = AttentionScoreMode.Dot, string? name = null)
        : base("Attention", name)
    {
        if (scoreMode is not AttentionScoreMode.Dot and not AttentionScoreMode.Concat)
        {
            Guard.ThrowOutOfRange(nameof(scoreMode), scoreMode, "must be a defined AttentionScoreMode");
        }

        UseScale = useScale;
        ScoreMode = scoreMode;
    }

    /// <summary>Gets a value indicating whether a scalar scale is learned.</summary>
    /// <value>Keras <c>use_scale</c>; default <see langword="false"/>.</value>
    public bool UseScale { get; }

    /// <summary>Gets how scores are computed.</summary>
    /// <value>Keras <c>score_mode</c>; default dot.</value>
    public AttentionScoreMode ScoreMode { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        OutputShape output = Output(context);
        var weights = new List<WeightTensor>();
        if (UseScale)
        {
            weights.Add(new WeightTensor("scale", new TensorShape()));
        }

        if (ScoreMode == AttentionScoreMode.Concat)
        {
            weights.Add(new WeightTensor("concat_score_weight", new TensorShape()));
        }

        return new LayerResult(new[] { output }, weights) { Derivation = LayerMath.FromWeights("Attention (scalar weights)", weights) };
    }

    /// <summary>The output of an attention layer: the query's shape with the value's last dimension.</summary>
    internal static OutputShape Output(LayerContext context)
    {
        context.ExpectInputs(2, 3, "[query, value] or [query, value, key]");
        OutputShape query = context.Inputs[0];
        OutputShape value = context.Inputs[1];
        if (query.Rank < 2 || value.Rank < 2)
        {
            context.Fail("needs a query and a value of rank 2 or more but receives " + query + " and " + value);
        }

        return query.WithLast(value.Last);
    }

    /// <summary>The last dimension of an input, which must be known.</summary>
    internal static long LastOf(LayerContext context, int input, string what)
    {
        if (context.Inputs[input].Last is long known)
        {
            return known;
        }

        context.Fail("needs the last dimension of its " + what + " to be known but receives " + string.Join(", ", context.Inputs.Select(i => i.ToString())));
        return 0;
    }
}
