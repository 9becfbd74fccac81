using System;
using System.Collections.Generic;
using System.Text;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;

namespace RecurrentParams.Torch;

/// <summary>A PyTorch recurrent module — <c>nn.RNN</c>, <c>nn.LSTM</c>, <c>nn.GRU</c>, or a registered custom cell — with its constructor arguments.</summary>
/// <remarks>
/// <para>Input <c>(L, N, input_size)</c>, <c>(N, L, input_size)</c> with <see cref="BatchFirst"/>, unbatched
/// <c>(L, input_size)</c>, or a <c>PackedSequence</c> (<see cref="Tensor.PackPaddedSequence"/>); an optional second
/// argument is the initial state. It returns PyTorch's tuple: <c>(output, h_n)</c>, or <c>(output, (h_n, c_n))</c> for
/// LSTM, with <c>output</c>'s last dimension <c>D × H_out</c> (D = 2 when bidirectional, H_out = proj_size or hidden_size),
/// <c>h_n</c> <c>(D·num_layers, N, H_out)</c> and <c>c_n</c> <c>(D·num_layers, N, hidden_size)</c>; a packed input gives a
/// packed output.</para>
/// <para>Parameters: <c>weight_ih_l{k}</c>, <c>weight_hh_l{k}</c>, <c>bias_ih_l{k}</c>, <c>bias_hh_l{k}</c>
/// (<c>weight_hr_l{k}</c> with a projection; <c>_reverse</c> for the backward direction), from the cell's
/// <see cref="IParameterFormula"/>. Source: <c>torch/nn/modules/rnn.py</c>. Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class Recurrent : TorchModule
{
    private readonly LayerSpec spec;
    private readonly Derivation derivation;

    /// <summary>Initializes the module, as <c>nn.LSTM(input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional, proj_size)</c>.</summary>
    /// <param name="cellType">The cell: <see cref="CellType.SimpleRnn"/> (<c>nn.RNN</c>), <see cref="CellType.Lstm"/>, <see cref="CellType.Gru"/>, or a cell registered in <paramref name="formulas"/>.</param>
    /// <param name="inputSize"><c>input_size</c>, at least 1.</param>
    /// <param name="hiddenSize"><c>hidden_size</c>, at least 1.</param>
    /// <param name="numLayers"><c>num_layers</c>, at least 1.</param>
    /// <param name="bias"><c>bias</c>.</param>
    /// <param name="batchFirst"><c>batch_first</c>.</param>
    /// <param name="dropout"><c>dropout</c> between layers, in [0, 1]; no parameters.</param>
    /// <param name="bidirectional"><c>bidirectional</c>.</param>
    /// <param name="projSize"><c>proj_size</c> (LSTM only): 0, or 1 to <paramref name="hiddenSize"/> − 1.</param>
    /// <param name="formulas">The formulas to count the cell with; <see langword="null"/> for <see cref="FormulaRegistry.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="cellType"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size or <paramref name="dropout"/> is out of range.</exception>
    /// <exception cref="ArgumentException">The cell has no registered formula, or the formula refuses the configuration (a projection on a GRU).</exception>
    public Recurrent(CellType cellType, int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool batchFirst = false, double dropout = 0, bool bidirectional = false, int projSize = 0, FormulaRegistry? formulas = null)
        : base(ClassNameOf(cellType, cell: false))
    {
        Guard.Positive(inputSize, nameof(inputSize));
        Guard.Positive(hiddenSize, nameof(hiddenSize));
        Guard.Positive(numLayers, nameof(numLayers));
        Guard.ProjectionSize(projSize, hiddenSize);
        if (!(dropout >= 0 && dropout <= 1))
        {
            Guard.ThrowOutOfRange(nameof(dropout), dropout, "must be in [0, 1]");
        }

        spec = new LayerSpec(cellType, hiddenSize, inputSize)
        {
            Convention = Convention.Torch,
            NumLayers = numLayers,
            UseBias = bias,
            Bidirectional = bidirectional,
            ProjSize = projSize,
        };
        IParameterFormula formula = RecurrentWeights.Formula(cellType, formulas);
        (IReadOnlyList<WeightTensor> weights, derivation) = RecurrentWeights.Of(formula, spec);
        if (weights is WeightSequence stacked)
        {
            RegisterParameters(stacked);
        }
        else
        {
            foreach (WeightTensor weight in weights)
            {
                RegisterParameter(weight.Name, weight.Shape);
            }
        }

        Dropout = dropout;
        BatchFirst = batchFirst;
    }

    /// <summary>Gets the cell type.</summary>
    /// <value>Never <see langword="null"/>.</value>
    public CellType CellType => spec.CellType;

    /// <summary>Gets <c>input_size</c>.</summary>
    /// <value>At least 1.</value>
    public int InputSize => spec.InputSize;

    /// <summary>Gets <c>hidden_size</c>.</summary>
    /// <value>At least 1.</value>
    public int HiddenSize => spec.Units;

    /// <summary>Gets <c>num_layers</c>.</summary>
    /// <value>At least 1.</value>
    public int NumLayers => spec.NumLayers;

    /// <summary>Gets <c>bias</c>.</summary>
    /// <value>Two bias vectors per gate block when set.</value>
    public bool Bias => spec.UseBias;

    /// <summary>Gets <c>batch_first</c>.</summary>
    /// <value>When set, inputs and outputs are <c>(N, L, features)</c>.</value>
    public bool BatchFirst { get; }

    /// <summary>Gets <c>dropout</c>.</summary>
    /// <value>In [0, 1].</value>
    public double Dropout { get; }

    /// <summary>Gets <c>bidirectional</c>.</summary>
    /// <value>Doubles every layer when set.</value>
    public bool IsBidirectional => spec.Bidirectional;

    /// <summary>Gets <c>proj_size</c>.</summary>
    /// <value>0 for no projection.</value>
    public int ProjSize => spec.ProjSize;

    /// <inheritdoc/>
    /// <value>PyTorch's <c>RNNBase.extra_repr</c>: <c>5, 4</c>, then each argument that differs from its default.</value>
    public override string ExtraRepr
    {
        get
        {
            var text = new StringBuilder(PythonText.Int(InputSize)).Append(", ").Append(PythonText.Int(HiddenSize));
            if (ProjSize != 0)
            {
                text.Append(", proj_size=").Append(PythonText.Int(ProjSize));
            }

            if (NumLayers != 1)
            {
                text.Append(", num_layers=").Append(PythonText.Int(NumLayers));
            }

            if (!Bias)
            {
                text.Append(", bias=False");
            }

            if (BatchFirst)
            {
                text.Append(", batch_first=True");
            }

            if (Dropout != 0)
            {
                text.Append(", dropout=").Append(PythonText.Float(Dropout));
            }

            if (IsBidirectional)
            {
                text.Append(", bidirectional=True");
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
        long outputWidth = ProjSize > 0 ? ProjSize : HiddenSize;
        long width = checked(spec.Directions * outputWidth);
        long layers = checked((long)spec.Directions * NumLayers);
        long[] dims = input.IsTuple ? [] : input.Dims;
        if (input.IsTuple || dims.Length is not (2 or 3))
        {
            context.Fail("expects a 2-D (unbatched) or 3-D (batched) input" + (input.IsPackedSequence ? " or a PackedSequence" : string.Empty) + " but receives " + input.Describe());
        }

        RecurrentWeights.ExpectFeatures(context, input, dims[dims.Length - 1], InputSize, Parameters);
        Tensor output;
        long? batch;
        if (input.IsPackedSequence)
        {
            output = input.Repacked(input.ElementType, [dims[0], width]);
            batch = input.PackedLengths.Count;
        }
        else if (dims.Length == 2)
        {
            output = Tensor.Of(input.ElementType, [dims[0], width]);
            batch = null;
        }
        else
        {
            output = Tensor.Of(input.ElementType, [dims[0], dims[1], width]);
            batch = BatchFirst ? dims[0] : dims[1];
        }

        Tensor State(long size) => Tensor.Of(input.ElementType, batch is long n ? [layers, n, size] : [layers, size]);
        Tensor hidden = CellType.StateCount == 2 ? Tensor.Tuple(State(outputWidth), State(HiddenSize)) : State(outputWidth);
        return Tensor.Tuple(output, hidden);
    }

    /// <summary>PyTorch's class name for a cell type: <c>RNN</c> for SimpleRNN, otherwise the cell's name, and <c>Cell</c> after it for a cell module.</summary>
    internal static string ClassNameOf(CellType cellType, bool cell) =>
        (Guard.NotNull(cellType, nameof(cellType)) == CellType.SimpleRnn ? "RNN" : cellType.Name) + (cell ? "Cell" : string.Empty);
}
