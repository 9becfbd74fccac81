using System;
using System.Collections.Generic;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;

namespace RecurrentParams;

public static partial class Params
{
    /// <summary>Finds the largest <see cref="LayerSpec.Units"/> for which a layer's count fits a budget, all its other properties kept.</summary>
    /// <param name="spec">The layer; its <see cref="LayerSpec.Units"/> is ignored, every other property (cell, convention, input size, layers, directions, bias, <c>reset_after</c>, projection) is kept.</param>
    /// <param name="budget">The largest parameter count allowed, 0 or more.</param>
    /// <returns>
    /// The largest units (at least 1, and more than the projection size when there is one) whose count is at most
    /// <paramref name="budget"/>; 0 when not even the smallest layer fits.
    /// </returns>
    /// <remarks>
    /// For the built-in cells the count is <c>a·u² + b·u</c>, solved in closed form and verified exactly in integers: O(1),
    /// allocation-free, correct up to <see cref="int.MaxValue"/> units and <see cref="long.MaxValue"/> parameters. For a user
    /// cell registered in <see cref="FormulaRegistry.Default"/> the count is assumed to grow with the units and the answer
    /// is found by a monotone search (about 60 counts); a count that overflows counts as over the budget.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budget"/> is negative.</exception>
    /// <exception cref="KeyNotFoundException">No formula is registered for the spec's cell type.</exception>
    /// <exception cref="ArgumentException">The spec has an option its cell or convention does not support.</exception>
    public static int MaxUnits(LayerSpec spec, long budget)
    {
        Guard.NotNull(spec, nameof(spec));
        NotNegativeBudget(budget);
        IParameterFormula formula = FormulaRegistry.Default.Get(spec.CellType);
        int min = spec.ProjSize + 1;
        LayerSpec smallest = spec.Units == min ? spec : spec with { Units = min };
        if (!TryCount(formula, smallest, out _))
        {
            return 0;
        }

        if (formula is GatedCellFormula gated
            && BudgetSolver.TryCoefficients(gated.Gates, spec.InputSize, spec.NumLayers, spec.Directions, gated.BiasVectors(spec), spec.ProjSize, out long a, out long b))
        {
            return BudgetSolver.Solve(a, b, budget, min);
        }

        return BudgetSolver.Search(
            units => TryCount(formula, spec with { Units = units }, out long count) && count <= budget,
            min,
            int.MaxValue);
    }

    /// <summary>Finds the sizes of another cell whose count is nearest to a layer's count, from below and from above: "which GRU is as large as my LSTM(256)?".</summary>
    /// <param name="layer">The layer to match.</param>
    /// <param name="cellType">The other cell; it keeps the layer's convention, input size, layers, directions and bias (the projection only when it is an LSTM, <c>reset_after</c> only when it is a GRU).</param>
    /// <returns>The nearest sizes of <paramref name="cellType"/> at or below and at or above the layer's count.</returns>
    /// <remarks>O(1) for the built-in cells (see <see cref="MaxUnits"/>).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="layer"/> or <paramref name="cellType"/> is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">No formula is registered for either cell type.</exception>
    /// <exception cref="ArgumentException">The layer, or the other cell with the layer's settings, has an option its cell or convention does not support.</exception>
    /// <exception cref="OverflowException">The layer's count does not fit in a <see cref="long"/>.</exception>
    public static UnitsMatch MatchUnits(LayerSpec layer, CellType cellType)
    {
        Guard.NotNull(layer, nameof(layer));
        Guard.NotNull(cellType, nameof(cellType));
        long count = Count(layer);
        LayerSpec target = layer with
        {
            CellType = cellType,
            ProjSize = cellType == CellType.Lstm ? layer.ProjSize : 0,
            ResetAfter = cellType != CellType.Gru || layer.ResetAfter,
        };
        IParameterFormula formula = FormulaRegistry.Default.Get(cellType);
        int below = MaxUnits(target, count);
        LayerSpec? belowSpec = below == 0 ? null : target with { Units = below };
        long belowCount = belowSpec is null ? 0 : formula.CountParameters(belowSpec);
        if (belowSpec is not null && belowCount == count)
        {
            return new UnitsMatch(layer, count, belowSpec, belowCount, belowSpec, belowCount);
        }

        int aboveUnits = below == 0 ? target.ProjSize + 1 : below;
        LayerSpec? aboveSpec = null;
        long aboveCount = 0;
        if (below == 0 || below < int.MaxValue)
        {
            LayerSpec candidate = target with { Units = below == 0 ? aboveUnits : below + 1 };
            if (TryCount(formula, candidate, out long candidateCount))
            {
                aboveSpec = candidate;
                aboveCount = candidateCount;
            }
        }

        return new UnitsMatch(layer, count, belowSpec, belowCount, aboveSpec, aboveCount);
    }

    /// <summary>Finds the largest width of a model, built by a function of that one free width, whose count fits a budget.</summary>
    /// <param name="model">Builds the model at a width, e.g. <c>w =&gt; new KerasModelBuilder("m").Input(null, 32).Lstm(w).Dense(10).Build()</c>; its total must grow with the width.</param>
    /// <param name="budget">The largest total parameter count allowed, 0 or more.</param>
    /// <param name="minWidth">The smallest width tried, at least 1.</param>
    /// <param name="maxWidth">The largest width tried, at least <paramref name="minWidth"/>.</param>
    /// <returns>The largest width whose model's <see cref="ModelSummary.TotalParams"/> is at most <paramref name="budget"/>; 0 when the model at <paramref name="minWidth"/> is already over it.</returns>
    /// <remarks>A monotone search over the counts: about 2·log₂(width) builds. A build that throws <see cref="OverflowException"/> counts as over the budget; other exceptions from <paramref name="model"/> propagate.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>, or it returns <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budget"/> is negative, <paramref name="minWidth"/> is less than 1 or <paramref name="maxWidth"/> less than <paramref name="minWidth"/>.</exception>
    public static int MaxWidth(Func<int, ModelSummary> model, long budget, int minWidth = 1, int maxWidth = int.MaxValue)
    {
        Guard.NotNull(model, nameof(model));
        return MaxWidthByCount(width => Guard.NotNull(model(width), nameof(model)).TotalParams, budget, minWidth, maxWidth);
    }

    /// <summary>Finds the largest width for which a count, a function of that one free width, fits a budget.</summary>
    /// <param name="count">Counts the parameters at a width, e.g. <c>w =&gt; Params.Lstm(w, 32) + Params.Lstm(w, w)</c>; it must grow with the width.</param>
    /// <param name="budget">The largest count allowed, 0 or more.</param>
    /// <param name="minWidth">The smallest width tried, at least 1.</param>
    /// <param name="maxWidth">The largest width tried, at least <paramref name="minWidth"/>.</param>
    /// <returns>The largest width whose count is at most <paramref name="budget"/>; 0 when the count at <paramref name="minWidth"/> is already over it.</returns>
    /// <remarks>A monotone search: about 2·log₂(width) calls. A call that throws <see cref="OverflowException"/> counts as over the budget; other exceptions propagate.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="count"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budget"/> is negative, <paramref name="minWidth"/> is less than 1 or <paramref name="maxWidth"/> less than <paramref name="minWidth"/>.</exception>
    internal static int MaxWidthByCount(Func<int, long> count, long budget, int minWidth, int maxWidth)
    {
        Guard.NotNull(count, nameof(count));
        NotNegativeBudget(budget);
        Guard.Positive(minWidth, nameof(minWidth));
        if (maxWidth < minWidth)
        {
            Guard.ThrowOutOfRange(nameof(maxWidth), maxWidth, "must be at least minWidth = " + minWidth.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return BudgetSolver.Search(
            width =>
            {
                try
                {
                    return count(width) <= budget;
                }
                catch (OverflowException)
                {
                    return false;
                }
            },
            minWidth,
            maxWidth);
    }

    private static bool TryCount(IParameterFormula formula, LayerSpec spec, out long count)
    {
        try
        {
            count = formula.CountParameters(spec);
            return true;
        }
        catch (OverflowException)
        {
            count = 0;
            return false;
        }
    }

    private static void NotNegativeBudget(long budget)
    {
        if (budget < 0)
        {
            Guard.ThrowOutOfRange(nameof(budget), budget, "must be 0 or more");
        }
    }

    private static int SolveBuiltIn(CellType cellType, bool keras, int inputSize, long budget, int numLayers, bool bias, bool resetAfter, bool bidirectional, int projSize)
    {
        int gates = cellType == CellType.Lstm || cellType == CellType.CuDnnLstm ? 4 : cellType == CellType.SimpleRnn ? 1 : 3;
        bool cuDnn = cellType == CellType.CuDnnLstm || cellType == CellType.CuDnnGru;
        int biasVectors = !bias ? 0 : !keras || cuDnn ? 2 : cellType == CellType.Gru && resetAfter ? 2 : 1;
        int directions = bidirectional ? 2 : 1;
        return BudgetSolver.TryCoefficients(gates, inputSize, numLayers, directions, biasVectors, projSize, out long a, out long b)
            ? BudgetSolver.Solve(a, b, budget, projSize + 1)
            : 0;
    }

    private static bool IsBuiltIn(CellType cellType, bool keras) =>
        cellType == CellType.SimpleRnn || cellType == CellType.Lstm || cellType == CellType.Gru
        || (keras && (cellType == CellType.CuDnnLstm || cellType == CellType.CuDnnGru));

    /// <content>The budget solver in the Keras convention.</content>
    public static partial class Keras
    {
        /// <summary>Finds the largest Keras <c>units</c> whose layer fits a parameter budget: "how many units fit in 1 M parameters?".</summary>
        /// <param name="cellType">The cell: <see cref="CellType.SimpleRnn"/>, <see cref="CellType.Lstm"/>, <see cref="CellType.Gru"/>, the cuDNN cells, or a user cell registered in <see cref="FormulaRegistry.Default"/>.</param>
        /// <param name="inputSize">Input features per time step, at least 1.</param>
        /// <param name="budget">The largest parameter count allowed, 0 or more.</param>
        /// <param name="useBias">Keras <c>use_bias</c> (the cuDNN cells always have their biases).</param>
        /// <param name="resetAfter">Keras GRU <c>reset_after</c>.</param>
        /// <param name="bidirectional">Whether the layer is wrapped in <c>Bidirectional</c>.</param>
        /// <returns>The largest units whose count is at most <paramref name="budget"/>, or 0 when not even one unit fits; <c>MaxUnits(CellType.Lstm, 5, 160)</c> is 4.</returns>
        /// <remarks>Closed form verified in integers for the built-in cells: O(1), allocation-free, exact up to <see cref="int.MaxValue"/> units and <see cref="long.MaxValue"/> parameters.</remarks>
        /// <exception cref="ArgumentNullException"><paramref name="cellType"/> is <see langword="null"/>.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="inputSize"/> is less than 1 or <paramref name="budget"/> is negative.</exception>
        /// <exception cref="KeyNotFoundException"><paramref name="cellType"/> is not built in and has no registered formula.</exception>
        /// <exception cref="ArgumentException">The options do not fit the cell (e.g. <paramref name="useBias"/> false on a cuDNN cell, <paramref name="resetAfter"/> false on an LSTM).</exception>
        public static int MaxUnits(CellType cellType, int inputSize, long budget, bool useBias = true, bool resetAfter = true, bool bidirectional = false)
        {
            Guard.NotNull(cellType, nameof(cellType));
            Guard.Positive(inputSize, nameof(inputSize));
            NotNegativeBudget(budget);
            bool cuDnn = cellType == CellType.CuDnnLstm || cellType == CellType.CuDnnGru;
            if (IsBuiltIn(cellType, keras: true) && (resetAfter || cellType == CellType.Gru) && (useBias || !cuDnn))
            {
                return SolveBuiltIn(cellType, keras: true, inputSize, budget, 1, useBias, resetAfter, bidirectional, 0);
            }

            return Params.MaxUnits(new LayerSpec(cellType, 1, inputSize) { UseBias = useBias, ResetAfter = resetAfter, Bidirectional = bidirectional }, budget);
        }
    }

    /// <content>The budget solver in the PyTorch convention.</content>
    public static partial class Torch
    {
        /// <summary>Finds the largest <c>hidden_size</c> whose <c>torch.nn</c> module fits a parameter budget.</summary>
        /// <param name="cellType">The cell: <see cref="CellType.SimpleRnn"/> (<c>nn.RNN</c>), <see cref="CellType.Lstm"/>, <see cref="CellType.Gru"/>, or a user cell registered in <see cref="FormulaRegistry.Default"/>.</param>
        /// <param name="inputSize"><c>input_size</c>, at least 1.</param>
        /// <param name="budget">The largest parameter count allowed, 0 or more.</param>
        /// <param name="numLayers"><c>num_layers</c>, at least 1.</param>
        /// <param name="bias"><c>bias</c>.</param>
        /// <param name="bidirectional"><c>bidirectional</c>.</param>
        /// <param name="projSize">LSTM <c>proj_size</c>, 0 for none; kept fixed, so the answer is more than it.</param>
        /// <returns>The largest <c>hidden_size</c> whose count is at most <paramref name="budget"/>, or 0 when none fits; <c>MaxHiddenSize(CellType.Lstm, 5, 176)</c> is 4.</returns>
        /// <remarks>Closed form verified in integers for the built-in cells: O(1), allocation-free, exact up to <see cref="int.MaxValue"/> and <see cref="long.MaxValue"/>.</remarks>
        /// <exception cref="ArgumentNullException"><paramref name="cellType"/> is <see langword="null"/>.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="inputSize"/> or <paramref name="numLayers"/> is less than 1, <paramref name="projSize"/> is negative or <see cref="int.MaxValue"/>, or <paramref name="budget"/> is negative.</exception>
        /// <exception cref="KeyNotFoundException"><paramref name="cellType"/> is not built in and has no registered formula.</exception>
        /// <exception cref="ArgumentException">The options do not fit the cell (a projection on a cell other than LSTM, a Keras-only cuDNN cell).</exception>
        public static int MaxHiddenSize(CellType cellType, int inputSize, long budget, int numLayers = 1, bool bias = true, bool bidirectional = false, int projSize = 0)
        {
            Guard.NotNull(cellType, nameof(cellType));
            Guard.Positive(inputSize, nameof(inputSize));
            Guard.Positive(numLayers, nameof(numLayers));
            if (projSize < 0 || projSize == int.MaxValue)
            {
                Guard.ThrowOutOfRange(nameof(projSize), projSize, "must be 0 (no projection) or between 1 and int.MaxValue - 1");
            }

            NotNegativeBudget(budget);
            if (IsBuiltIn(cellType, keras: false) && (projSize == 0 || cellType == CellType.Lstm))
            {
                return SolveBuiltIn(cellType, keras: false, inputSize, budget, numLayers, bias, true, bidirectional, projSize);
            }

            var spec = new LayerSpec(cellType, projSize + 1, inputSize)
            {
                Convention = Convention.Torch,
                NumLayers = numLayers,
                UseBias = bias,
                Bidirectional = bidirectional,
                ProjSize = projSize,
            };
            return Params.MaxUnits(spec, budget);
        }
    }
}
