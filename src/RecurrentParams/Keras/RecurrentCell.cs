using System;
using RecurrentParams.Internal;

namespace RecurrentParams.Keras;

/// <summary>One cell of a Keras <see cref="Rnn"/> layer: <c>keras.layers.LSTMCell(units)</c> and its kin.</summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class RecurrentCell
{
    /// <summary>Initializes a cell description.</summary>
    /// <param name="cellType">The cell; a formula for it must be registered in the builder's registry.</param>
    /// <param name="units">Keras <c>units</c>, at least 1.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="resetAfter">Keras GRU <c>reset_after</c> (default <see langword="true"/>); must stay <see langword="true"/> for other cells.</param>
    /// <exception cref="ArgumentNullException"><paramref name="cellType"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is less than 1.</exception>
    public RecurrentCell(CellType cellType, int units, bool useBias = true, bool resetAfter = true)
    {
        CellType = Guard.NotNull(cellType, nameof(cellType));
        Guard.Positive(units, nameof(units));
        Units = units;
        UseBias = useBias;
        ResetAfter = resetAfter;
    }

    /// <summary>Gets the cell type.</summary>
    /// <value>Never <see langword="null"/>.</value>
    public CellType CellType { get; }

    /// <summary>Gets the number of units.</summary>
    /// <value>At least 1.</value>
    public int Units { get; }

    /// <summary>Gets a value indicating whether the cell has a bias.</summary>
    /// <value>Keras <c>use_bias</c>.</value>
    public bool UseBias { get; }

    /// <summary>Gets the GRU <c>reset_after</c> option.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool ResetAfter { get; }

    /// <summary>Gets the number of state tensors the cell carries: 2 for LSTM (h, c), 1 otherwise.</summary>
    /// <value>1 or 2.</value>
    public int StateCount => CellType.StateCount;
}
