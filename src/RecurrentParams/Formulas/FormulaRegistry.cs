using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq;
using RecurrentParams.Internal;

namespace RecurrentParams.Formulas;

/// <summary>Finds the <see cref="IParameterFormula"/> of a cell type; the extension point for new cells.</summary>
/// <remarks>
/// <see cref="Default"/> holds the built-in formulas and is what <see cref="Params"/> uses; add a cell to it with
/// <see cref="Register"/>, or build an isolated registry with <see cref="CreateDefault"/> or the constructor.
/// Instances are thread-safe: lookups never lock, and registration is atomic. A formula cannot be removed or replaced.
/// </remarks>
public sealed class FormulaRegistry
{
    private readonly ConcurrentDictionary<CellType, IParameterFormula> formulas = new();

    /// <summary>Gets the process-wide registry that <see cref="Params"/> uses, holding the built-in formulas.</summary>
    /// <value>A shared, thread-safe instance.</value>
    public static FormulaRegistry Default { get; } = CreateDefault();

    /// <summary>Gets the cell types that have a formula.</summary>
    /// <value>A snapshot, ordered by name.</value>
    public IReadOnlyList<CellType> CellTypes =>
        formulas.Keys.OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();

    /// <summary>Creates a registry holding the built-in formulas (<see cref="BuiltInFormulas.All"/>: SimpleRNN, LSTM, GRU, CuDNNLSTM, CuDNNGRU).</summary>
    /// <returns>A new registry, independent of <see cref="Default"/>.</returns>
    public static FormulaRegistry CreateDefault()
    {
        var registry = new FormulaRegistry();
        foreach (IParameterFormula formula in BuiltInFormulas.All)
        {
            registry.Register(formula);
        }

        return registry;
    }

    /// <summary>Registers the formula of a new cell type.</summary>
    /// <param name="formula">The formula; its <see cref="IParameterFormula.CellType"/> must not be registered yet.</param>
    /// <exception cref="ArgumentNullException"><paramref name="formula"/> or its cell type is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A formula for the same cell type is already registered.</exception>
    public void Register(IParameterFormula formula)
    {
        if (!TryRegister(formula))
        {
            Guard.ThrowArgument(
                nameof(formula),
                string.Format(
                    CultureInfo.InvariantCulture,
                    "A formula for cell type '{0}' is already registered; give the new cell a distinct CellType name.",
                    formula.CellType));
        }
    }

    /// <summary>Registers the formula of a new cell type unless its cell type already has one.</summary>
    /// <param name="formula">The formula.</param>
    /// <returns><see langword="true"/> if it was added; <see langword="false"/> if the cell type already had a formula.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="formula"/> or its cell type is <see langword="null"/>.</exception>
    public bool TryRegister(IParameterFormula formula)
    {
        Guard.NotNull(formula, nameof(formula));
        CellType cellType = Guard.NotNull(formula.CellType, "formula.CellType");
        return formulas.TryAdd(cellType, formula);
    }

    /// <summary>Gets the formula of a cell type.</summary>
    /// <param name="cellType">The cell type.</param>
    /// <returns>The registered formula.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cellType"/> is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">No formula is registered for <paramref name="cellType"/>; the message lists those that are.</exception>
    public IParameterFormula Get(CellType cellType)
    {
        if (!TryGet(cellType, out IParameterFormula? formula))
        {
            ThrowNotFound(cellType);
        }

        return formula;
    }

    /// <summary>Tries to get the formula of a cell type.</summary>
    /// <param name="cellType">The cell type.</param>
    /// <param name="formula">The formula, or <see langword="null"/> when none is registered.</param>
    /// <returns><see langword="true"/> when a formula is registered.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cellType"/> is <see langword="null"/>.</exception>
    public bool TryGet(CellType cellType, [NotNullWhen(true)] out IParameterFormula? formula) =>
        formulas.TryGetValue(Guard.NotNull(cellType, nameof(cellType)), out formula);

    /// <summary>Counts the parameters of a layer with the formula of its cell type.</summary>
    /// <param name="spec">The layer.</param>
    /// <returns>The exact number of scalar parameters.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">No formula is registered for the spec's cell type.</exception>
    /// <exception cref="ArgumentException">The spec has an option its cell or convention does not support.</exception>
    /// <exception cref="OverflowException">The count does not fit in a <see cref="long"/>.</exception>
    public long CountParameters(LayerSpec spec) => Get(Guard.NotNull(spec, nameof(spec)).CellType).CountParameters(spec);

    /// <summary>Lists the weight tensors of a layer with the formula of its cell type.</summary>
    /// <param name="spec">The layer.</param>
    /// <returns>The tensors with the framework's names and shapes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">No formula is registered for the spec's cell type.</exception>
    /// <exception cref="ArgumentException">The spec has an option its cell or convention does not support.</exception>
    /// <exception cref="OverflowException">A tensor's size does not fit in a <see cref="long"/>.</exception>
    public IReadOnlyList<WeightTensor> GetWeights(LayerSpec spec) => Get(Guard.NotNull(spec, nameof(spec)).CellType).GetWeights(spec);

    /// <summary>Explains the parameter count of a layer with the formula of its cell type.</summary>
    /// <param name="spec">The layer.</param>
    /// <returns>The derivation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">No formula is registered for the spec's cell type.</exception>
    /// <exception cref="ArgumentException">The spec has an option its cell or convention does not support.</exception>
    /// <exception cref="OverflowException">The count does not fit in a <see cref="long"/>.</exception>
    public Derivation Explain(LayerSpec spec) => Get(Guard.NotNull(spec, nameof(spec)).CellType).Explain(spec);

    [DoesNotReturn]
    private void ThrowNotFound(CellType cellType) =>
        throw new KeyNotFoundException(string.Format(
            CultureInfo.InvariantCulture,
            "No formula is registered for cell type '{0}' ('cellType'); registered: {1}. Register one with FormulaRegistry.Register.",
            cellType,
            string.Join(", ", CellTypes.Select(t => t.Name))));
}
