using System;
using System.Collections.Generic;

namespace RecurrentParams.Formulas;

/// <summary>The strategy that counts, lists and explains the parameters of one cell type.</summary>
/// <remarks>
/// Register an implementation in a <see cref="FormulaRegistry"/> to make a new cell countable; the built-in
/// SimpleRNN, LSTM and GRU formulas are registered the same way. Derive from <see cref="ParameterFormula"/> to
/// get validation, stacking, bidirectional wrapping, framework naming and a default derivation for free.
/// Implementations must be immutable and thread-safe, and <see cref="CountParameters"/> must equal the sum of
/// the counts of <see cref="GetWeights"/>.
/// </remarks>
public interface IParameterFormula
{
    /// <summary>Gets the cell type this formula counts.</summary>
    /// <value>Never <see langword="null"/>.</value>
    CellType CellType { get; }

    /// <summary>Counts the parameters of a layer.</summary>
    /// <param name="spec">The layer; its <see cref="LayerSpec.CellType"/> must be <see cref="CellType"/>.</param>
    /// <returns>The exact number of scalar parameters the framework reports.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The spec has another cell type or an option this cell or convention does not support.</exception>
    /// <exception cref="OverflowException">The count does not fit in a <see cref="long"/>.</exception>
    long CountParameters(LayerSpec spec);

    /// <summary>Lists the layer's weight tensors with the framework's own names and shapes, in the framework's order.</summary>
    /// <param name="spec">The layer; its <see cref="LayerSpec.CellType"/> must be <see cref="CellType"/>.</param>
    /// <returns>The tensors; their counts add up to <see cref="CountParameters"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The spec has another cell type or an option this cell or convention does not support.</exception>
    /// <exception cref="OverflowException">A tensor's size or the total does not fit in a <see cref="long"/>.</exception>
    IReadOnlyList<WeightTensor> GetWeights(LayerSpec spec);

    /// <summary>Explains the count: the formula with the layer's numbers filled in, one term per (layer, direction) block.</summary>
    /// <param name="spec">The layer; its <see cref="LayerSpec.CellType"/> must be <see cref="CellType"/>.</param>
    /// <returns>A derivation whose <see cref="Derivation.Total"/> equals <see cref="CountParameters"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The spec has another cell type or an option this cell or convention does not support.</exception>
    /// <exception cref="OverflowException">The count does not fit in a <see cref="long"/>.</exception>
    Derivation Explain(LayerSpec spec);
}
