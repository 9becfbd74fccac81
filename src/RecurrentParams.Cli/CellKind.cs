using System;
using System.Collections.Generic;
using System.Linq;

namespace RecurrentParams.Cli;

/// <summary>A cell name the tool accepts (<c>lstm</c>, <c>gru</c>, <c>lstmcell</c>, ...) and what it stands for in each framework.</summary>
/// <param name="Name">The name typed on the command line.</param>
/// <param name="Type">The library's cell type.</param>
/// <param name="IsCell">Whether it is a single-step cell (<c>LSTMCell</c>) rather than a layer.</param>
/// <param name="KerasClass">The Keras class name (<c>LSTM</c>, <c>CuDNNLSTM</c>, <c>LSTMCell</c>).</param>
/// <param name="KerasLayerName">Keras' default layer name, the snake-cased class (<c>lstm</c>, <c>cu_dnnlstm</c>).</param>
/// <param name="TorchType">The PyTorch cell type it compares with (the cuDNN layers compare with nn.LSTM and nn.GRU).</param>
/// <param name="TorchClass">The <c>torch.nn</c> module name (<c>LSTM</c>, <c>RNNCell</c>).</param>
/// <param name="Gates">The gate blocks of one cell: SimpleRNN 1, GRU 3, LSTM 4.</param>
internal sealed record CellKind(string Name, CellType Type, bool IsCell, string KerasClass, string KerasLayerName, CellType TorchType, string TorchClass, int Gates)
{
    private static readonly CellKind[] All =
    [
        new("simplernn", CellType.SimpleRnn, false, "SimpleRNN", "simple_rnn", CellType.SimpleRnn, "RNN", 1),
        new("rnn", CellType.SimpleRnn, false, "SimpleRNN", "simple_rnn", CellType.SimpleRnn, "RNN", 1),
        new("lstm", CellType.Lstm, false, "LSTM", "lstm", CellType.Lstm, "LSTM", 4),
        new("gru", CellType.Gru, false, "GRU", "gru", CellType.Gru, "GRU", 3),
        new("cudnnlstm", CellType.CuDnnLstm, false, "CuDNNLSTM", "cu_dnnlstm", CellType.Lstm, "LSTM", 4),
        new("cudnngru", CellType.CuDnnGru, false, "CuDNNGRU", "cu_dnngru", CellType.Gru, "GRU", 3),
        new("simplernncell", CellType.SimpleRnn, true, "SimpleRNNCell", "simple_rnn_cell", CellType.SimpleRnn, "RNNCell", 1),
        new("rnncell", CellType.SimpleRnn, true, "SimpleRNNCell", "simple_rnn_cell", CellType.SimpleRnn, "RNNCell", 1),
        new("lstmcell", CellType.Lstm, true, "LSTMCell", "lstm_cell", CellType.Lstm, "LSTMCell", 4),
        new("grucell", CellType.Gru, true, "GRUCell", "gru_cell", CellType.Gru, "GRUCell", 3),
    ];

    /// <summary>Gets the names the tool accepts, in the order help lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(k => k.Name).ToArray();

    /// <summary>Gets a value indicating whether it is one of Keras 2's cuDNN layers, which PyTorch has no separate module for.</summary>
    public bool IsCuDnn => Type != TorchType;

    /// <summary>Gets the cell PyTorch counts in this one's place: itself, or nn.LSTM and nn.GRU for Keras 2's cuDNN layers.</summary>
    public CellKind TorchEquivalent => IsCuDnn ? Find(TorchClass) : this;

    /// <summary>Finds a cell by name, ignoring case.</summary>
    /// <param name="name">The name typed.</param>
    /// <returns>The cell kind.</returns>
    /// <exception cref="CliException">The name is not one of <see cref="Names"/> (a usage error).</exception>
    public static CellKind Find(string name) =>
        Array.Find(All, k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw CliException.Usage("'" + name + "' is not a cell this tool counts; use one of " + string.Join(", ", Names) + ".");
}
