using System;
using System.Collections.Generic;
using System.Text;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;

namespace RecurrentParams.Torch;

/// <summary>PyTorch's <c>nn.Conv1d(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias)</c>: weight <c>(out, in / groups, kernel_size)</c>, bias <c>(out,)</c>.</summary>
/// <remarks>
/// Input <c>(N, C_in, L)</c> or unbatched <c>(C_in, L)</c>; output <c>(N, C_out, L_out)</c> with
/// <c>L_out = ⌊(L + 2·padding − dilation·(kernel_size − 1) − 1) / stride⌋ + 1</c>. A <c>(N, L, features)</c> sequence goes
/// through <c>x.Transpose(1, 2)</c> first, as in PyTorch. Source: <c>torch/nn/modules/conv.py</c>. Instances are immutable and thread-safe.
/// </remarks>
public sealed class Conv1d : TorchModule
{
    /// <summary>Initializes the module.</summary>
    /// <param name="inChannels"><c>in_channels</c>, at least 1 and a multiple of <paramref name="groups"/>.</param>
    /// <param name="outChannels"><c>out_channels</c>, at least 1 and a multiple of <paramref name="groups"/>.</param>
    /// <param name="kernelSize"><c>kernel_size</c>, at least 1.</param>
    /// <param name="stride"><c>stride</c>, at least 1.</param>
    /// <param name="padding"><c>padding</c> on both sides, 0 or more.</param>
    /// <param name="dilation"><c>dilation</c>, at least 1.</param>
    /// <param name="groups"><c>groups</c>, at least 1.</param>
    /// <param name="bias"><c>bias</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    /// <exception cref="ArgumentException">A channel count is not a multiple of <paramref name="groups"/>.</exception>
    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, int dilation = 1, int groups = 1, bool bias = true)
        : base("Conv1d")
    {
        Guard.Positive(inChannels, nameof(inChannels));
        Guard.Positive(outChannels, nameof(outChannels));
        Guard.Positive(kernelSize, nameof(kernelSize));
        Guard.Positive(stride, nameof(stride));
        Guard.NotNegative(padding, nameof(padding));
        Guard.Positive(dilation, nameof(dilation));
        Guard.Positive(groups, nameof(groups));
        if (inChannels % groups != 0 || outChannels % groups != 0)
        {
            Guard.ThrowArgument(nameof(groups), "'inChannels' (" + PythonText.Int(inChannels) + ") and 'outChannels' (" + PythonText.Int(outChannels) + ") must be multiples of 'groups' (" + PythonText.Int(groups) + ").");
        }

        InChannels = inChannels;
        OutChannels = outChannels;
        Kernel = kernelSize;
        Stride = stride;
        Padding = padding;
        Dilation = dilation;
        Groups = groups;
        Bias = bias;
        RegisterParameter("weight", new TensorShape(outChannels, inChannels / groups, kernelSize));
        if (bias)
        {
            RegisterParameter("bias", new TensorShape(outChannels));
        }
    }

    /// <summary>Gets <c>in_channels</c>.</summary>
    /// <value>At least 1.</value>
    public int InChannels { get; }

    /// <summary>Gets <c>out_channels</c>.</summary>
    /// <value>At least 1.</value>
    public int OutChannels { get; }

    /// <summary>Gets <c>kernel_size</c>.</summary>
    /// <value>At least 1.</value>
    public int Kernel { get; }

    /// <summary>Gets <c>stride</c>.</summary>
    /// <value>At least 1.</value>
    public int Stride { get; }

    /// <summary>Gets <c>padding</c>.</summary>
    /// <value>0 or more.</value>
    public int Padding { get; }

    /// <summary>Gets <c>dilation</c>.</summary>
    /// <value>At least 1.</value>
    public int Dilation { get; }

    /// <summary>Gets <c>groups</c>.</summary>
    /// <value>At least 1.</value>
    public int Groups { get; }

    /// <summary>Gets <c>bias</c>.</summary>
    /// <value>Whether the module has a bias.</value>
    public bool Bias { get; }

    /// <inheritdoc/>
    /// <value><c>[kernel_size]</c>, as PyTorch stores it (a one-element tuple).</value>
    public override IReadOnlyList<int>? KernelSize => Array.AsReadOnly(new[] { Kernel });

    /// <inheritdoc/>
    /// <value><c>4, 8, kernel_size=(5,), stride=(1,)</c>, then padding, dilation, groups and <c>bias=False</c> when not the defaults.</value>
    public override string ExtraRepr
    {
        get
        {
            var text = new StringBuilder()
                .Append(PythonText.Int(InChannels)).Append(", ").Append(PythonText.Int(OutChannels))
                .Append(", kernel_size=").Append(PythonText.Tuple([Kernel]))
                .Append(", stride=").Append(PythonText.Tuple([Stride]));
            if (Padding != 0)
            {
                text.Append(", padding=").Append(PythonText.Tuple([Padding]));
            }

            if (Dilation != 1)
            {
                text.Append(", dilation=").Append(PythonText.Tuple([Dilation]));
            }

            if (Groups != 1)
            {
                text.Append(", groups=").Append(PythonText.Int(Groups));
            }

            if (!Bias)
            {
                text.Append(", bias=False");
            }

            return text.ToString();
        }
    }

    /// <inheritdoc/>
    internal override Derivation? Derivation =>
        LayerMath.FromWeights("Conv1d(" + PythonText.Int(InChannels) + ", " + PythonText.Int(OutChannels) + ", kernel_size=" + PythonText.Int(Kernel) + ")", Parameters);

    /// <inheritdoc/>
    internal override long MacsPerStep => checked((long)OutChannels * (InChannels / Groups) * Kernel);

    /// <inheritdoc/>
    protected internal override Tensor Forward(ForwardContext context)
    {
        Guard.NotNull(context, nameof(context));
        Tensor input = context.Input;
        if (input.IsTuple || input.IsPackedSequence || input.Dims.Length is not (2 or 3) || input.Dims[input.Dims.Length - 2] != InChannels)
        {
            context.Fail("expects (N, " + PythonText.Int(InChannels) + ", L) or (" + PythonText.Int(InChannels) + ", L) but receives " + input.Describe()
                + "; a (N, L, C) sequence goes through x.Transpose(1, 2) first");
        }

        RecurrentWeights.ExpectElementType(context, input, Parameters);
        long[] dims = (long[])input.Dims.Clone();
        long length = dims[dims.Length - 1];
        long span = checked(((long)Dilation * (Kernel - 1)) + 1);
        long padded = checked(length + (2L * Padding));
        if (padded < span)
        {
            context.Fail("has a kernel spanning " + PythonText.Int(span) + " steps (dilation included) but receives " + PythonText.Int(length) + " steps with padding " + PythonText.Int(Padding));
        }

        dims[dims.Length - 2] = OutChannels;
        dims[dims.Length - 1] = ((padded - span) / Stride) + 1;
        return Tensor.Of(input.ElementType, dims);
    }
}
