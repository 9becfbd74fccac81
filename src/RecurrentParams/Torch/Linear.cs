using System;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;

namespace RecurrentParams.Torch;

/// <summary>PyTorch's <c>nn.Linear(in_features, out_features, bias)</c> on the last dimension: weight <c>(out, in)</c>, bias <c>(out,)</c>.</summary>
/// <remarks>Input <c>(*, in_features)</c>, output <c>(*, out_features)</c>. Instances are immutable and thread-safe.</remarks>
public sealed class Linear : TorchModule
{
    /// <summary>Initializes the module.</summary>
    /// <param name="inFeatures"><c>in_features</c>, at least 1.</param>
    /// <param name="outFeatures"><c>out_features</c>, at least 1.</param>
    /// <param name="bias"><c>bias</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    public Linear(int inFeatures, int outFeatures, bool bias = true)
        : base("Linear")
    {
        Guard.Positive(inFeatures, nameof(inFeatures));
        Guard.Positive(outFeatures, nameof(outFeatures));
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Bias = bias;
        RegisterParameter("weight", new TensorShape(outFeatures, inFeatures));
        if (bias)
        {
            RegisterParameter("bias", new TensorShape(outFeatures));
        }
    }

    /// <summary>Gets <c>in_features</c>.</summary>
    /// <value>At least 1.</value>
    public int InFeatures { get; }

    /// <summary>Gets <c>out_features</c>.</summary>
    /// <value>At least 1.</value>
    public int OutFeatures { get; }

    /// <summary>Gets <c>bias</c>.</summary>
    /// <value>Whether the module has a bias.</value>
    public bool Bias { get; }

    /// <inheritdoc/>
    /// <value><c>in_features=5, out_features=3, bias=True</c>.</value>
    public override string ExtraRepr =>
        "in_features=" + PythonText.Int(InFeatures) + ", out_features=" + PythonText.Int(OutFeatures) + ", bias=" + PythonText.Bool(Bias);

    /// <inheritdoc/>
    internal override Derivation? Derivation =>
        LayerMath.FromWeights("Linear(in_features=" + PythonText.Int(InFeatures) + ", out_features=" + PythonText.Int(OutFeatures) + ")", Parameters);

    /// <inheritdoc/>
    internal override long MacsPerStep => checked((long)InFeatures * OutFeatures);

    /// <inheritdoc/>
    protected internal override Tensor Forward(ForwardContext context)
    {
        Guard.NotNull(context, nameof(context));
        Tensor input = context.Input;
        if (input.IsTuple || input.IsPackedSequence || input.Dims.Length == 0 || input.Dims[input.Dims.Length - 1] != InFeatures)
        {
            context.Fail("expects in_features = " + PythonText.Int(InFeatures) + " in the last dimension but receives " + input.Describe());
        }

        RecurrentWeights.ExpectElementType(context, input, Parameters);
        long[] dims = (long[])input.Dims.Clone();
        dims[dims.Length - 1] = OutFeatures;
        return Tensor.Of(input.ElementType, dims);
    }
}
