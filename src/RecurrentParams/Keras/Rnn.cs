using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' generic <c>RNN</c> layer over one cell or a stack of cells (<c>StackedRNNCells</c>), run as one layer.</summary>
/// <remarks>
/// <para>Cell k takes the previous cell's units as input (the first takes the layer's features), so the count is the sum of
/// the cells' counts. The output has the last cell's units; with <see cref="ReturnState"/> every cell's states follow, in
/// cell order (Keras 3 <c>StackedRNNCells.state_size</c>; TensorFlow.js lists them in reverse). Weight paths are
/// <c>{cell}/kernel</c>, under <c>stacked_rnn_cells/</c> for a stack, with Keras' cell names (<c>lstm_cell</c>, <c>lstm_cell_1</c>).</para>
/// <para>Source: Keras 3 <c>keras/src/layers/rnn/rnn.py</c> and <c>stacked_rnn_cells.py</c>. Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class Rnn : KerasLayer
{
    private readonly RecurrentCell[] cells;

    /// <summary>Initializes the layer.</summary>
    /// <param name="cells">The cells, first to last; at least one.</param>
    /// <param name="returnSequences">Keras <c>return_sequences</c>.</param>
    /// <param name="returnState">Keras <c>return_state</c>.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="cells"/> or a cell is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="cells"/> is empty.</exception>
    public Rnn(IEnumerable<RecurrentCell> cells, bool returnSequences = false, bool returnState = false, string? name = null)
        : base("RNN", name)
    {
        this.cells = Guard.NotNull(cells, nameof(cells)).ToArray();
        if (this.cells.Length == 0 || this.cells.Any(c => c is null))
        {
            Guard.ThrowArgument(nameof(cells), "'cells' must hold at least one cell and no null.");
        }

        ReturnSequences = returnSequences;
        ReturnState = returnState;
    }

    /// <summary>Gets the cells, first to last.</summary>
    /// <value>At least one.</value>
    public IReadOnlyList<RecurrentCell> Cells => Array.AsReadOnly(cells);

    /// <summary>Gets a value indicating whether every time step is returned.</summary>
    /// <value>Keras <c>return_sequences</c>.</value>
    public bool ReturnSequences { get; }

    /// <summary>Gets a value indicating whether the cells' final states are returned too.</summary>
    /// <value>Keras <c>return_state</c>.</value>
    public bool ReturnState { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        context.ExpectRank(3, "a sequence (batch, time, features)");
        long features = context.ExpectKnown(-1, "the number of features");
        string scope = cells.Length > 1 ? "stacked_rnn_cells/" : string.Empty;
        var weights = new List<WeightTensor>();
        var terms = new List<DerivationTerm>();
        var descriptions = new List<string>();
        long input = features;
        foreach (RecurrentCell cell in cells)
        {
            if (!context.Formulas.TryGet(cell.CellType, out IParameterFormula? formula))
            {
                context.Fail("has cell type '" + cell.CellType.Name + "', which has no registered formula; register one in the builder's FormulaRegistry");
            }

            var spec = new LayerSpec(cell.CellType, cell.Units, LayerMath.ToSize(input, context, "the input of cell '" + cell.CellType.Name + "'"))
            {
                UseBias = cell.UseBias,
                ResetAfter = cell.ResetAfter,
                IsCell = true,
            };
            string cellName = context.ClaimName(KerasNaming.ToSnakeCase(cell.CellType.Name + "Cell"));
            IReadOnlyList<WeightTensor> cellWeights;
            Derivation derivation;
            try
            {
                cellWeights = formula.GetWeights(spec);
                derivation = formula.Explain(spec);
            }
            catch (ArgumentException e)
            {
                context.Reject(e);
                throw;
            }

            weights.AddRange(cellWeights.Select(w => w with { Path = scope + cellName + "/" + w.Name }));
            terms.Add(new DerivationTerm(cellName, derivation.Terms[0].Steps, derivation.Total));
            descriptions.Add(derivation.Subject.Substring(0, derivation.Subject.IndexOf(" on ", StringComparison.Ordinal)));
            input = cell.Units;
        }

        OutputShape shape = context.Input;
        var outputs = new List<OutputShape>
        {
            ReturnSequences ? new OutputShape(shape[0], shape[1], input) : new OutputShape(shape[0], input),
        };
        if (ReturnState)
        {
            outputs.AddRange(cells.SelectMany(c => Enumerable.Range(0, c.StateCount).Select(_ => new OutputShape(shape[0], (long)c.Units))));
        }

        string subject = string.Format(
            CultureInfo.InvariantCulture, "RNN([{0}]) on {1} features", string.Join(", ", descriptions), features);
        return new LayerResult(outputs, weights)
        {
            Derivation = new Derivation(subject, terms),
            MacsPerStep = LayerMath.RecurrentMacs(weights),
        };
    }

    /// <inheritdoc/>
    protected override string? SequenceRemedy(string name) =>
        ReturnSequences ? null : "set returnSequences: true on '" + name + "'";
}
