using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>MultiHeadAttention</c>: <c>numHeads</c> scaled dot-product attentions over projected query, key and value.</summary>
/// <remarks>
/// <para>Inputs <c>query (batch, Tq, dq)</c>, <c>value (batch, Tv, dv)</c> and an optional <c>key (batch, Tv, dk)</c>
/// (default the value); a layer given one input attends to itself. Weights, with h heads: <c>query/kernel (dq, h, keyDim)</c>,
/// <c>key/kernel (dk, h, keyDim)</c>, <c>value/kernel (dv, h, valueDim)</c>, <c>attention_output/kernel (h, valueDim,
/// out...)</c>, and with <see cref="UseBias"/> the biases <c>(h, keyDim)</c>, <c>(h, keyDim)</c>, <c>(h, valueDim)</c>,
/// <c>(out...)</c>; out is <see cref="OutputShape"/> or dq. Output: the query's shape with its last axis replaced by out.</para>
/// <para>Source: Keras 3 <c>keras/src/layers/attention/multi_head_attention.py</c>. Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class MultiHeadAttention : KerasLayer
{
    private readonly int[]? outputShape;

    /// <summary>Initializes the layer.</summary>
    /// <param name="numHeads">Keras <c>num_heads</c>, at least 1.</param>
    /// <param name="keyDim">Keras <c>key_dim</c>: the size of each head for query and key, at least 1.</param>
    /// <param name="valueDim">Keras <c>value_dim</c>, at least 1, or <see langword="null"/> for <paramref name="keyDim"/>.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="outputShape">Keras <c>output_shape</c>: the output's last dimensions, each at least 1, or <see langword="null"/> for the query's last dimension.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="outputShape"/> is empty.</exception>
    public MultiHeadAttention(int numHeads, int keyDim, int? valueDim = null, bool useBias = true, IReadOnlyList<int>? outputShape = null, string? name = null)
        : base("MultiHeadAttention", name)
    {
        Guard.Positive(numHeads, nameof(numHeads));
        Guard.Positive(keyDim, nameof(keyDim));
        Guard.Positive(valueDim ?? keyDim, nameof(valueDim));
        if (outputShape is not null)
        {
            this.outputShape = outputShape.ToArray();
            if (this.outputShape.Length == 0)
            {
                Guard.ThrowArgument(nameof(outputShape), "'outputShape' must hold at least one dimension, or be null for the query's last dimension.");
            }

            foreach (int d in this.outputShape)
            {
                Guard.Positive(d, nameof(outputShape));
            }
        }

        NumHeads = numHeads;
        KeyDim = keyDim;
        ValueDim = valueDim ?? keyDim;
        UseBias = useBias;
    }

    /// <summary>Gets the number of heads.</summary>
    /// <value>At least 1.</value>
    public int NumHeads { get; }

    /// <summary>Gets the size of each head for query and key.</summary>
    /// <value>At least 1.</value>
    public int KeyDim { get; }

    /// <summary>Gets the size of each head for the value.</summary>
    /// <value>At least 1; <see cref="KeyDim"/> unless given.</value>
    public int ValueDim { get; }

    /// <summary>Gets a value indicating whether the projections have biases.</summary>
    /// <value>Keras <c>use_bias</c>.</value>
    public bool UseBias { get; }

    /// <summary>Gets the output's last dimensions.</summary>
    /// <value><see langword="null"/> for the query's last dimension (the default).</value>
    public IReadOnlyList<int>? OutputShape => outputShape is null ? null : Array.AsReadOnly(outputShape);

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        context.ExpectInputs(1, 3, "a query, or [query, value] or [query, value, key]");
        RecurrentParams.OutputShape query = context.Inputs[0];
        if (query.Rank < 3)
        {
            context.Fail("needs a query of rank 3 or more, (batch, steps, features), but receives " + query);
        }

        long dq = Attention.LastOf(context, 0, "query");
        long dv = context.Inputs.Count > 1 ? Attention.LastOf(context, 1, "value") : dq;
        long dk = context.Inputs.Count > 2 ? Attention.LastOf(context, 2, "key") : dv;
        long[] output = outputShape?.Select(d => (long)d).ToArray() ?? [dq];
        var weights = new List<WeightTensor>();
        Projection(weights, "query", dq, KeyDim);
        Projection(weights, "key", dk, KeyDim);
        Projection(weights, "value", dv, ValueDim);
        weights.Add(new WeightTensor("kernel", "attention_output/kernel", new TensorShape(new long[] { NumHeads, ValueDim }.Concat(output).ToArray())));
        if (UseBias)
        {
            weights.Add(new WeightTensor("bias", "attention_output/bias", new TensorShape(output)));
        }

        long?[] dims = query.Dimensions.Take(query.Rank - 1).Concat(output.Select(d => (long?)d)).ToArray();
        return new LayerResult(new[] { new RecurrentParams.OutputShape(dims) }, weights)
        {
            Derivation = LayerMath.FromWeights(string.Format(CultureInfo.InvariantCulture, "MultiHeadAttention(num_heads={0}, key_dim={1}, value_dim={2}) on query {3}, value {4}, key {5} features", NumHeads, KeyDim, ValueDim, dq, dv, dk), weights),
            MacsPerStep = LayerMath.Sum(weights.Where(w => w.Name == "kernel")),
        };
    }

    private void Projection(List<WeightTensor> weights, string part, long features, int headSize)
    {
        weights.Add(new WeightTensor("kernel", part + "/kernel", new TensorShape(features, NumHeads, headSize)));
        if (UseBias)
        {
            weights.Add(new WeightTensor("bias", part + "/bias", new TensorShape(NumHeads, headSize)));
        }
    }
}
