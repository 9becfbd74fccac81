using System;
using System.Collections.Generic;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Torch;

/// <summary>A PyTorch recurrent module — <c>nn.RNN</c>, <c>nn.LSTM</c>, <c>nn.GRU</c> — whose input size is taken from the previous layer.</summary>
/// <remarks>
/// <para>Input <c>(time, batch, features)</c>, or <c>(batch, time, features)</c> with <see cref="BatchFirst"/>, or unbatched
/// <c>(time, features)</c>. Outputs, as PyTorch returns them: <c>output</c> with last dimension
/// <c>directions × (projSize or hiddenSize)</c>, <c>h_n</c> <c>(directions·numLayers, batch, projSize or hiddenSize)</c> and, for LSTM,
/// <c>c_n</c> <c>(directions·numLayers, batch, hiddenSize)</c>. The next layer receives <c>output</c>.</para>
/// <para>Source: <c>torch/nn/modules/rnn.py</c>. Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class Recurrent : TorchModule
{
    /// <summary>Initializes the module.</summary>
    /// <param name="cellType">The cell: <see cref="CellType.SimpleRnn"/> (<c>nn.RNN</c>), <see cref="CellType.Lstm"/> or <see cref="CellType.Gru"/>, or a registered custom cell.</param>
    /// <param name="hiddenSize"><c>hidden_size</c>, at least 1.</param>
    /// <param name="numLayers"><c>num_layers</c>, at least 1.</param>
    /// <param name="bias"><c>bias</c>.</param>
    /// <param name="bidirectional"><c>bidirectional</c>.</param>
    /// <param name="projSize"><c>proj_size</c> (LSTM only): 0 or 1 to <paramref name="hiddenSize"/> − 1.</param>
    /// <param name="batchFirst"><c>batch_first</c>.</param>
    /// <param name="name">An explicit name, or <see langword="null"/> for a generated one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="cellType"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public Recurrent(CellType cellType, int hiddenSize, int numLayers = 1, bool bias = true, bool bidirectional = false, int projSize = 0, bool batchFirst = false, string? name = null)
        : base(TorchClassName(cellType), name)
    {
        Guard.Positive(hiddenSize, nameof(hiddenSize));
        Guard.Positive(numLayers, nameof(numLayers));
        Guard.ProjectionSize(projSize, hiddenSize);
        CellType = cellType;
        HiddenSize = hiddenSize;
        NumLayers = numLayers;
        Bias = bias;
        IsBidirectional = bidirectional;
        ProjSize = projSize;
        BatchFirst = batchFirst;
    }

    /// <summary>Gets the cell type.</summary>
    /// <value>Never <see langword="null"/>.</value>
    public CellType CellType { get; }

    /// <summary>Gets <c>hidden_size</c>.</summary>
    /// <value>At least 1.</value>
    public int HiddenSize { get; }

    /// <summary>Gets <c>num_layers</c>.</summary>
    /// <value>At least 1.</value>
    public int NumLayers { get; }

    /// <summary>Gets <c>bias</c>.</summary>
    /// <value>Two bias vectors per gate block when set.</value>
    public bool Bias { get; }

    /// <summary>Gets <c>bidirectional</c>.</summary>
    /// <value>Doubles every layer when set.</value>
    public bool IsBidirectional { get; }

    /// <summary>Gets <c>proj_size</c>.</summary>
    /// <value>0 for no projection.</value>
    public int ProjSize { get; }

    /// <summary>Gets <c>batch_first</c>.</summary>
    /// <value>When set, inputs and outputs are <c>(batch, time, features)</c>.</value>
    public bool BatchFirst { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        OutputShape input = context.Input;
        if (input.Rank is not (2 or 3))
        {
            context.ExpectRank(3, BatchFirst ? "a sequence (batch, time, features)" : "a sequence (time, batch, features)");
        }

        int features = LayerMath.ToSize(context.ExpectKnown(-1, "the number of features"), context, "the number of features");
        if (!context.Formulas.TryGet(CellType, out IParameterFormula? formula))
        {
            context.Fail("has cell type '" + CellType.Name + "', which has no registered formula; register one in the builder's FormulaRegistry");
        }

        var spec = new LayerSpec(CellType, HiddenSize, features)
        {
            Convention = Convention.Torch,
            NumLayers = NumLayers,
            UseBias = Bias,
            Bidirectional = IsBidirectional,
            ProjSize = ProjSize,
        };
        IReadOnlyList<WeightTensor> weights;
        try
        {
            weights = formula.GetWeights(spec);
        }
        catch (ArgumentException e)
        {
            context.Reject(e);
            throw;
        }

        long outputWidth = ProjSize > 0 ? ProjSize : HiddenSize;
        long stateLayers = checked((long)spec.Directions * NumLayers);
        var outputs = new List<OutputShape>();
        if (input.Rank == 2)
        {
            outputs.Add(new OutputShape(input[0], checked(spec.Directions * outputWidth)));
            outputs.Add(new OutputShape(stateLayers, outputWidth));
            if (CellType.StateCount == 2)
            {
                outputs.Add(new OutputShape(stateLayers, (long)HiddenSize));
            }
        }
        else
        {
            long? batch = BatchFirst ? input[0] : input[1];
            outputs.Add(new OutputShape(input[0], input[1], checked(spec.Directions * outputWidth)));
            outputs.Add(new OutputShape(stateLayers, batch, outputWidth));
            if (CellType.StateCount == 2)
            {
                outputs.Add(new OutputShape(stateLayers, batch, (long)HiddenSize));
            }
        }

        return new LayerResult(outputs, weights)
        {
            Derivation = formula.Explain(spec),
            MacsPerStep = LayerMath.RecurrentMacs(weights),
        };
    }

    private static string TorchClassName(CellType cellType) =>
        Guard.NotNull(cellType, nameof(cellType)) == CellType.SimpleRnn ? "RNN" : cellType.Name;
}
