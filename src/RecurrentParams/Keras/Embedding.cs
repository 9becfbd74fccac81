using System;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>Embedding</c>: a lookup table from token ids <c>(batch, time)</c> to vectors <c>(batch, time, outputDim)</c>.</summary>
/// <remarks>Weights: embeddings <c>(inputDim, outputDim)</c>. <c>mask_zero</c> changes nothing. A lookup multiplies nothing: 0 multiply-accumulates.
/// Source: Keras 3 <c>keras/src/layers/core/embedding.py</c>. Instances are immutable and thread-safe.</remarks>
public sealed class Embedding : KerasLayer
{
    /// <summary>Initializes an embedding.</summary>
    /// <param name="inputDim">Keras <c>input_dim</c>: the vocabulary size, at least 1.</param>
    /// <param name="outputDim">Keras <c>output_dim</c>: the vector size, at least 1.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    public Embedding(int inputDim, int outputDim, string? name = null)
        : base("Embedding", name)
    {
        Guard.Positive(inputDim, nameof(inputDim));
        Guard.Positive(outputDim, nameof(outputDim));
        InputDim = inputDim;
        OutputDim = outputDim;
    }

    /// <summary>Gets the vocabulary size.</summary>
    /// <value>At least 1.</value>
    public int InputDim { get; }

    /// <summary>Gets the size of each vector.</summary>
    /// <value>At least 1.</value>
    public int OutputDim { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        context.ExpectRank(2, "token ids (batch, time)");
        WeightTensor[] weights = [new("embeddings", new TensorShape(InputDim, OutputDim))];
        return new LayerResult(new[] { new OutputShape(context.Input[0], context.Input[1], OutputDim) }, weights)
        {
            Derivation = LayerMath.FromWeights("Embedding(input_dim=" + LayerMath.Invariant(InputDim) + ", output_dim=" + LayerMath.Invariant(OutputDim) + ")", weights),
        };
    }
}
