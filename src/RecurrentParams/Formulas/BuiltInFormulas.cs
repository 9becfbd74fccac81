using System.Collections.Generic;

namespace RecurrentParams.Formulas;

/// <summary>The formulas of the built-in cells, which <see cref="FormulaRegistry.CreateDefault"/> registers like any user formula.</summary>
/// <remarks>The instances are immutable and thread-safe.</remarks>
public static class BuiltInFormulas
{
    /// <summary>Gets the formula of <see cref="CellType.SimpleRnn"/>: Keras <c>u·u + u·i + u</c>, PyTorch <c>h·h + h·i + 2h</c> per block.</summary>
    /// <value>A shared instance.</value>
    public static IParameterFormula SimpleRnn { get; } = new SimpleRnnFormula();

    /// <summary>Gets the formula of <see cref="CellType.Lstm"/>: four times the SimpleRNN block, plus <c>p·h</c> for a PyTorch projection.</summary>
    /// <value>A shared instance.</value>
    public static IParameterFormula Lstm { get; } = new LstmFormula();

    /// <summary>Gets the formula of <see cref="CellType.Gru"/>: three times the SimpleRNN block, plus <c>3u</c> for a second bias (Keras reset_after, PyTorch).</summary>
    /// <value>A shared instance.</value>
    public static IParameterFormula Gru { get; } = new GruFormula();

    /// <summary>Gets the formula of <see cref="CellType.CuDnnLstm"/>: Keras 2's <c>CuDNNLSTM</c>, <c>4·(u·u + u·i + 2u)</c>, bias <c>(8u)</c>.</summary>
    /// <value>A shared instance.</value>
    public static IParameterFormula CuDnnLstm { get; } = new CuDnnFormula(CellType.CuDnnLstm, gates: 4);

    /// <summary>Gets the formula of <see cref="CellType.CuDnnGru"/>: Keras 2's <c>CuDNNGRU</c>, <c>3·(u·u + u·i + 2u)</c>, bias <c>(6u)</c>.</summary>
    /// <value>A shared instance.</value>
    public static IParameterFormula CuDnnGru { get; } = new CuDnnFormula(CellType.CuDnnGru, gates: 3);

    /// <summary>Gets every built-in formula.</summary>
    /// <value>SimpleRNN, LSTM, GRU, CuDNNLSTM and CuDNNGRU, in that order.</value>
    public static IReadOnlyList<IParameterFormula> All { get; } = new[] { SimpleRnn, Lstm, Gru, CuDnnLstm, CuDnnGru };
}
