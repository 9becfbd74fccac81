using System;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;

namespace RecurrentParams.Torch;

/// <summary>PyTorch's <c>nn.Embedding(num_embeddings, embedding_dim, padding_idx)</c>: token ids of any shape to vectors; weight <c>(num_embeddings, embedding_dim)</c>.</summary>
/// <remarks>Input: ids <c>(*)</c>; output <c>(*, embedding_dim)</c> in the weight's element type. Instances are immutable and thread-safe.</remarks>
public sealed class Embedding : TorchModule
{
    /// <summary>Initializes the module.</summary>
    /// <param name="numEmbeddings"><c>num_embeddings</c> (vocabulary size), at least 1.</param>
    /// <param name="embeddingDim"><c>embedding_dim</c>, at least 1.</param>
    /// <param name="paddingIdx"><c>padding_idx</c>: <see langword="null"/>, or in [−numEmbeddings, numEmbeddings); a negative one counts from the end, as PyTorch stores it.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1, or <paramref name="paddingIdx"/> is out of range.</exception>
    public Embedding(int numEmbeddings, int embeddingDim, int? paddingIdx = null)
        : base("Embedding")
    {
        Guard.Positive(numEmbeddings, nameof(numEmbeddings));
        Guard.Positive(embeddingDim, nameof(embeddingDim));
        if (paddingIdx is int p && (p < -numEmbeddings || p >= numEmbeddings))
        {
            Guard.ThrowOutOfRange(nameof(paddingIdx), p, "must be within num_embeddings (from -" + PythonText.Int(numEmbeddings) + " to " + PythonText.Int(numEmbeddings - 1L) + ")");
        }

        NumEmbeddings = numEmbeddings;
        EmbeddingDim = embeddingDim;
        PaddingIdx = paddingIdx is int q && q < 0 ? q + numEmbeddings : paddingIdx;
        RegisterParameter("weight", new TensorShape(numEmbeddings, embeddingDim));
    }

    /// <summary>Gets <c>num_embeddings</c>.</summary>
    /// <value>At least 1.</value>
    public int NumEmbeddings { get; }

    /// <summary>Gets <c>embedding_dim</c>.</summary>
    /// <value>At least 1.</value>
    public int EmbeddingDim { get; }

    /// <summary>Gets <c>padding_idx</c>, as PyTorch stores it (a negative one made positive).</summary>
    /// <value><see langword="null"/> when there is none.</value>
    public int? PaddingIdx { get; }

    /// <inheritdoc/>
    /// <value><c>1000, 64</c>, then <c>padding_idx=0</c> when set.</value>
    public override string ExtraRepr =>
        PythonText.Int(NumEmbeddings) + ", " + PythonText.Int(EmbeddingDim) + (PaddingIdx is int p ? ", padding_idx=" + PythonText.Int(p) : string.Empty);

    /// <inheritdoc/>
    internal override Derivation? Derivation =>
        LayerMath.FromWeights("Embedding(" + PythonText.Int(NumEmbeddings) + ", " + PythonText.Int(EmbeddingDim) + ")", Parameters);

    /// <inheritdoc/>
    protected internal override Tensor Forward(ForwardContext context)
    {
        Guard.NotNull(context, nameof(context));
        Tensor input = context.Input;
        if (input.IsTuple || input.IsPackedSequence)
        {
            context.Fail("expects a tensor of token ids but receives " + input.Describe());
        }

        long[] dims = new long[input.Dims.Length + 1];
        Array.Copy(input.Dims, dims, input.Dims.Length);
        dims[dims.Length - 1] = EmbeddingDim;
        return Tensor.Of(Parameters[0].ElementType, dims);
    }
}
