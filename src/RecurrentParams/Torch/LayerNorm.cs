using System;
using System.Collections.Generic;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;

namespace RecurrentParams.Torch;

/// <summary>PyTorch's <c>nn.LayerNorm(normalized_shape, eps, elementwise_affine)</c> over the trailing dimensions: weight and bias of <c>normalized_shape</c> when <c>elementwise_affine</c>.</summary>
/// <remarks>The input's last dimensions must be <c>normalized_shape</c>; the output has the input's shape. Instances are immutable and thread-safe.</remarks>
public sealed class LayerNorm : TorchModule
{
    private readonly int[] normalizedShape;

    /// <summary>Initializes the module over the last dimension with PyTorch's defaults (<c>eps=1e-05</c>, <c>elementwise_affine=True</c>), as <c>nn.LayerNorm(d)</c>.</summary>
    /// <param name="normalizedShape">The size of the last dimension, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The size is less than 1.</exception>
    public LayerNorm(int normalizedShape)
        : this([normalizedShape])
    {
    }

    /// <summary>Initializes the module over the last dimensions, as <c>nn.LayerNorm([t, d])</c>.</summary>
    /// <param name="normalizedShape">The sizes of the trailing dimensions; at least one, each at least 1.</param>
    /// <param name="eps"><c>eps</c>, greater than 0.</param>
    /// <param name="elementwiseAffine"><c>elementwise_affine</c>: learn weight and bias.</param>
    /// <exception cref="ArgumentNullException"><paramref name="normalizedShape"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="normalizedShape"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1, or <paramref name="eps"/> is not positive.</exception>
    public LayerNorm(IReadOnlyList<int> normalizedShape, double eps = 1e-5, bool elementwiseAffine = true)
        : base("LayerNorm")
    {
        this.normalizedShape = Guard.NotNull(normalizedShape, nameof(normalizedShape)).ToArray();
        if (this.normalizedShape.Length == 0)
        {
            Guard.ThrowArgument(nameof(normalizedShape), "'normalizedShape' must hold at least one dimension.");
        }

        foreach (int d in this.normalizedShape)
        {
            Guard.Positive(d, nameof(normalizedShape));
        }

        if (!(eps > 0))
        {
            Guard.ThrowOutOfRange(nameof(eps), eps, "must be greater than 0");
        }

        Eps = eps;
        ElementwiseAffine = elementwiseAffine;
        if (elementwiseAffine)
        {
            var shape = new TensorShape(this.normalizedShape.Select(d => (long)d).ToArray());
            RegisterParameter("weight", shape);
            RegisterParameter("bias", shape);
        }
    }

    /// <summary>Gets <c>normalized_shape</c>.</summary>
    /// <value>At least one dimension.</value>
    public IReadOnlyList<int> NormalizedShape => Array.AsReadOnly(normalizedShape);

    /// <summary>Gets <c>eps</c>.</summary>
    /// <value>Greater than 0; default 1e-5.</value>
    public double Eps { get; }

    /// <summary>Gets <c>elementwise_affine</c>.</summary>
    /// <value>Whether weight and bias are learned.</value>
    public bool ElementwiseAffine { get; }

    /// <inheritdoc/>
    /// <value><c>(48,), eps=1e-05, elementwise_affine=True</c>.</value>
    public override string ExtraRepr =>
        PythonText.Tuple(normalizedShape.Select(d => (long)d)) + ", eps=" + PythonText.Float(Eps) + ", elementwise_affine=" + PythonText.Bool(ElementwiseAffine);

    /// <inheritdoc/>
    internal override Derivation? Derivation =>
        LayerMath.FromWeights("LayerNorm(" + string.Join(", ", normalizedShape.Select(d => PythonText.Int(d))) + ")", Parameters);

    /// <inheritdoc/>
    protected internal override Tensor Forward(ForwardContext context)
    {
        Guard.NotNull(context, nameof(context));
        Tensor input = context.Input;
        long[] dims = input.IsTuple || input.IsPackedSequence ? [] : input.Dims;
        bool fits = dims.Length >= normalizedShape.Length
            && normalizedShape.Select((d, k) => dims[dims.Length - normalizedShape.Length + k] == d).All(same => same);
        if (input.IsTuple || input.IsPackedSequence || !fits)
        {
            context.Fail("normalizes the last dimensions " + Tensor.Sizes(normalizedShape.Select(d => (long)d)) + " but receives " + input.Describe());
        }

        RecurrentWeights.ExpectElementType(context, input, Parameters);
        return input;
    }
}
