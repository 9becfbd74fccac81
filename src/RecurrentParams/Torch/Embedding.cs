using System;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Torch;

/// <summary>PyTorch's <c>nn.Embedding</c>: token ids of any shape to vectors; weight <c>(num_embeddings, embedding_dim)</c>.</summary>
/// <remarks><c>padding_idx</c> changes nothing. Instances are immutable and thread-safe.</remarks>
public sealed class Embedding : TorchModule
{
    /// <summary>Initializes the module.</summary>
    /// <param name="numEmbeddings"><c>num_embeddings</c>, at least 1.</param>
    /// <param name="embeddingDim"><c>embedding_dim</c>, at least 1.</param>
    /// <param name="name">An explicit name, or <see langword="null"/> for a generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    public Embedding(int numEmbeddings, int embeddingDim, string? name = null)
        : base("Embedding", name)
    {
        Guard.Positive(numEmbeddings, nameof(numEmbeddings));
        Guard.Positive(embeddingDim, nameof(embeddingDim));
        NumEmbeddings = numEmbeddings;
        EmbeddingDim = embeddingDim;
    }

    /// <summary>Gets <c>num_embeddings</c>.</summary>
    /// <value>At least 1.</value>
    public int NumEmbeddings { get; }

    /// <summary>Gets <c>embedding_dim</c>.</summary>
    /// <value>At least 1.</value>
    public int EmbeddingDim { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        long?[] dims = LayerMath.Dims(context.Input);
        var output = new long?[dims.Length + 1];
        Array.Copy(dims, output, dims.Length);
        output[dims.Length] = EmbeddingDim;
        WeightTensor[] weights = [new("weight", new TensorShape(NumEmbeddings, EmbeddingDim))];
        return new LayerResult(new[] { new OutputShape(output) }, weights)
        {
            Derivation = LayerMath.FromWeights("Embedding(" + LayerMath.Invariant(NumEmbeddings) + ", " + LayerMath.Invariant(EmbeddingDim) + ")", weights),
        };
    }
}
