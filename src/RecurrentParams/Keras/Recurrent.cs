using System;
using System.Collections.Generic;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>A Keras recurrent layer — <c>SimpleRNN</c>, <c>LSTM</c>, <c>GRU</c> or a registered custom cell — over a sequence.</summary>
/// <remarks>
/// <para>Input <c>(batch, time, features)</c>; output <c>(batch, units)</c>, or <c>(batch, time, units)</c> with
/// <see cref="ReturnSequences"/>; <see cref="ReturnState"/> appends the final states, <c>(batch, units)</c> each (two for LSTM: h and c).</para>
/// <para>Counted by the formula registered for <see cref="CellType"/>. Source: Keras 3 <c>keras/src/layers/rnn/rnn.py</c> (<c>compute_output_shape</c>).
/// Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class Recurrent : KerasLayer
{
    /// <summary>Initializes a recurrent layer.</summary>
    /// <param name="cellType">The cell; a formula for it must be registered in the builder's registry.</param>
    /// <param name="units">Keras <c>units</c>, at least 1.</param>
    /// <param name="returnSequences">Keras <c>return_sequences</c>: return every time step.</param>
    /// <param name="returnState">Keras <c>return_state</c>: also return the final states.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="resetAfter">Keras GRU <c>reset_after</c> (default <see langword="true"/>); must stay <see langword="true"/> for other cells.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="cellType"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is less than 1.</exception>
    public Recurrent(CellType cellType, int units, bool returnSequences = false, bool returnState = false, bool useBias = true, bool resetAfter = true, string? name = null)
        : base(Guard.NotNull(cellType, nameof(cellType)).Name, name)
    {
        Guard.Positive(units, nameof(units));
        CellType = cellType;
        Units = units;
        ReturnSequences = returnSequences;
        ReturnState = returnState;
        UseBias = useBias;
        ResetAfter = resetAfter;
    }

    /// <summary>Gets the cell type.</summary>
    /// <value>Never <see langword="null"/>.</value>
    public CellType CellType { get; }

    /// <summary>Gets the number of units.</summary>
    /// <value>At least 1.</value>
    public int Units { get; }

    /// <summary>Gets a value indicating whether every time step is returned.</summary>
    /// <value>Keras <c>return_sequences</c>.</value>
    public bool ReturnSequences { get; }

    /// <summary>Gets a value indicating whether the final states are returned too.</summary>
    /// <value>Keras <c>return_state</c>.</value>
    public bool ReturnState { get; }

    /// <summary>Gets a value indicating whether the layer has a bias.</summary>
    /// <value>Keras <c>use_bias</c>.</value>
    public bool UseBias { get; }

    /// <summary>Gets the GRU <c>reset_after</c> option.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool ResetAfter { get; }

    /// <summary>Gets the number of state tensors the cell carries: 2 for LSTM (h, c), 1 otherwise.</summary>
    /// <value>1 or 2.</value>
    public int StateCount => CellType.StateCount;

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        LayerSpec spec = Spec(context);
        IParameterFormula formula = Formula(context);
        IReadOnlyList<WeightTensor> weights = formula.GetWeights(spec);
        return new LayerResult(Outputs(context.Input, Units), weights)
        {
            Derivation = formula.Explain(spec),
            MacsPerStep = LayerMath.RecurrentMacs(weights),
        };
    }

    /// <summary>The spec of one direction of this layer on the context's input.</summary>
    internal LayerSpec Spec(LayerContext context)
    {
        context.ExpectRank(3, "a sequence (batch, time, features)");
        int features = LayerMath.ToSize(context.ExpectKnown(-1, "the number of features"), context, "the number of features");
        if (!context.Formulas.TryGet(CellType, out _))
        {
            context.Fail("has cell type '" + CellType.Name + "', which has no registered formula; register one in the builder's FormulaRegistry");
        }

        var spec = new LayerSpec(CellType, Units, features) { UseBias = UseBias, ResetAfter = ResetAfter };
        try
        {
            Formula(context).CountParameters(spec);
        }
        catch (ArgumentException e)
        {
            context.Reject(e);
        }

        return spec;
    }

    internal IParameterFormula Formula(LayerContext context) => context.Formulas.Get(CellType);

    /// <summary>Main output (and states) for one direction of <paramref name="width"/> units.</summary>
    internal IEnumerable<OutputShape> Outputs(OutputShape input, long width)
    {
        yield return ReturnSequences ? new OutputShape(input[0], input[1], width) : new OutputShape(input[0], width);
        if (ReturnState)
        {
            foreach (OutputShape state in States(input))
            {
                yield return state;
            }
        }
    }

    internal IEnumerable<OutputShape> States(OutputShape input) =>
        Enumerable.Range(0, StateCount).Select(_ => new OutputShape(input[0], (long)Units));

    /// <inheritdoc/>
    protected override string? SequenceRemedy(string name) =>
        ReturnSequences ? null : "set returnSequences: true on '" + name + "'";
}
