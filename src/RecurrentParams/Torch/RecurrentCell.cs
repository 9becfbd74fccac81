using System;
using System.Collections.Generic;
using System.Text;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;

namespace RecurrentParams.Torch;

/// <summary>A PyTorch recurrent cell — <c>nn.RNNCell</c>, <c>nn.LSTMCell</c>, <c>nn.GRUCell</c> — one time step, with its constructor arguments.</summary>
/// <remarks>
/// <para>Input <c>(N, input_size)</c> or unbatched <c>(input_size)</c>, and optionally the state (<c>h</c>, or <c>(h, c)</c>
/// for LSTMCell). It returns <c>h'</c> <c>(N, hidden_size)</c>, or the tuple <c>(h', c')</c> for LSTMCell. Parameters
/// <c>weight_ih</c>, <c>weight_hh</c>, <c>bias_ih</c>, <c>bias_hh</c>. A cell called once per step in a loop is one
/// module called many times: torchinfo lists every call and counts its parameters once.</para>
/// <para>Source: <c>torch/nn/modules/rnn.py</c>. Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class RecurrentCell : TorchModule
{
    private readonly Derivation derivation;

    /// <summary>Initializes the cell, as <c>nn.LSTMCell(input_size, hidden_size, bias)</c> or <c>nn.RNNCell(input_size, hidden_size, bias, nonlinearity)</c>.</summary>
    /// <param name="cellType">The cell: <see cref="CellType.SimpleRnn"/> (<c>nn.RNNCell</c>), <see cref="CellType.Lstm"/>, <see cref="CellType.Gru"/>, or a cell registered in <paramref name="formulas"/>.</param>
    /// <param name="inputSize"><c>input_size</c>, at least 1.</param>
    /// <param name="hiddenSize"><c>hidden_size</c>, at least 1.</param>
    /// <param name="bias"><c>bias</c>.</param>
    /// <param name="nonlinearity"><c>nonlinearity</c> of <c>nn.RNNCell</c>: <c>tanh</c> (default) or <c>relu</c>; only <c>tanh</c> for other cells.</param>
    /// <param name="formulas">The formulas to count the cell with; <see langword="null"/> for <see cref="FormulaRegistry.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="cellType"/> or <paramref name="nonlinearity"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    /// <exception cref="ArgumentException">The cell has no registered formula, or <paramref name="nonlinearity"/> is not allowed.</exception>
    public RecurrentCell(CellType cellType, int inputSize, int hiddenSize, bool bias = true, string nonlinearity = "tanh", FormulaRegistry? formulas = null)
        : base(Recurrent.ClassNameOf(cellType, cell: true))
    {
        Guard.Positive(inputSize, nameof(inputSize));
        Guard.Positive(hiddenSize, nameof(hiddenSize));
        Guard.NotNull(nonlinearity, nameof(nonlinearity));
        if (!(nonlinearity == "tanh" || (nonlinearity == "relu" && cellType == CellType.SimpleRnn)))
        {
            Guard.ThrowArgument(nameof(nonlinearity), "'nonlinearity' must be \"tanh\" or, for an RNN cell, \"relu\"; got \"" + nonlinearity + "\".");
        }

        var spec = new LayerSpec(cellType, hiddenSize, inputSize) { Convention = Convention.Torch, UseBias = bias, IsCell = true };
        (IReadOnlyList<WeightTensor> weights, derivation) = RecurrentWeights.Of(RecurrentWeights.Formula(cellType, formulas), spec);
        foreach (WeightTensor weight in weights)
        {
            RegisterParameter(weight.Name, weight.Shape);
        }

        CellType = cellType;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        Bias = bias;
        Nonlinearity = nonlinearity;
    }

    /// <summary>Gets the cell type.</summary>
    /// <value>Never <see langword="null"/>.</value>
    public CellType CellType { get; }

    /// <summary>Gets <c>input_size</c>.</summary>
    /// <value>At least 1.</value>
    public int InputSize { get; }

    /// <summary>Gets <c>hidden_size</c>.</summary>
    /// <value>At least 1.</value>
    public int HiddenSize { get; }

    /// <summary>Gets <c>bias</c>.</summary>
    /// <value>Whether <c>bias_ih</c> and <c>bias_hh</c> exist.</value>
    public bool Bias { get; }

    /// <summary>Gets <c>nonlinearity</c>.</summary>
    /// <value><c>tanh</c> or <c>relu</c>.</value>
    public string Nonlinearity { get; }

    /// <inheritdoc/>
    /// <value>PyTorch's <c>RNNCellBase.extra_repr</c>: <c>4, 6</c>, then <c>bias=False</c> and <c>nonlinearity=relu</c> when set.</value>
    public override string ExtraRepr
    {
        get
        {
            var text = new StringBuilder(PythonText.Int(InputSize)).Append(", ").Append(PythonText.Int(HiddenSize));
            if (!Bias)
            {
                text.Append(", bias=False");
            }

            if (Nonlinearity != "tanh")
            {
                text.Append(", nonlinearity=").Append(Nonlinearity);
            }

            return text.ToString();
        }
    }

    /// <inheritdoc/>
    internal override Derivation? Derivation => derivation;

    /// <inheritdoc/>
    internal override long MacsPerStep => LayerMath.RecurrentMacs(Parameters);

    /// <inheritdoc/>
    protected internal override Tensor Forward(ForwardContext context)
    {
        Guard.NotNull(context, nameof(context));
        Tensor input = context.Input;
        if (input.IsTuple || input.IsPackedSequence || input.Dims.Length is not (1 or 2))
        {
            context.Fail("expects a 1-D (unbatched) or 2-D (batched) input but receives " + input.Describe());
        }

        long[] dims = input.Dims;
        RecurrentWeights.ExpectFeatures(context, input, dims[dims.Length - 1], InputSize, Parameters);
        Tensor State() => Tensor.Of(input.ElementType, dims.Length == 2 ? [dims[0], HiddenSize] : [HiddenSize]);
        return CellType.StateCount == 2 ? Tensor.Tuple(State(), State()) : State();
    }
}
