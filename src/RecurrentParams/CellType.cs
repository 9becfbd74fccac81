using System;
using System.Globalization;
using RecurrentParams.Internal;

namespace RecurrentParams;

/// <summary>The kind of recurrent cell a layer is built from, named as the Keras layer class (<c>LSTM</c>, <c>GRU</c>, ...).</summary>
/// <remarks>
/// The set of cell types is open: <see cref="SimpleRnn"/>, <see cref="Lstm"/>, <see cref="Gru"/> and Keras 2's
/// <see cref="CuDnnLstm"/> and <see cref="CuDnnGru"/> are built in, and a
/// user adds a cell by creating a <see cref="CellType"/> with a new name and registering an
/// <see cref="Formulas.IParameterFormula"/> for it in a <see cref="Formulas.FormulaRegistry"/>.
/// Names compare ordinally (case-sensitive), like Keras class names. Instances are immutable and thread-safe.
/// </remarks>
public sealed class CellType : IEquatable<CellType>
{
    // Registry lookups hash the cell type on every count; the name never changes, so hash it once.
    private readonly int hashCode;

    /// <summary>Initializes a cell type with the given name.</summary>
    /// <param name="name">The cell's class name, e.g. <c>"IndRNN"</c>: a letter followed by letters, digits or underscores.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or has a character other than a letter, digit or underscore, or does not start with a letter.</exception>
    public CellType(string name)
    {
        Guard.NotNull(name, nameof(name));
        if (!IsValidName(name))
        {
            Guard.ThrowArgument(
                nameof(name),
                string.Format(
                    CultureInfo.InvariantCulture,
                    "'name' must start with an ASCII letter and contain only ASCII letters, digits and underscores; got \"{0}\".",
                    name));
        }

        Name = name;
        hashCode = StringComparer.Ordinal.GetHashCode(name);
    }

    /// <summary>Gets the Elman recurrent cell: Keras <c>SimpleRNN</c>, PyTorch <c>nn.RNN</c> (tanh or relu).</summary>
    /// <value>The cell type named <c>SimpleRNN</c>.</value>
    public static CellType SimpleRnn { get; } = new("SimpleRNN");

    /// <summary>Gets the long short-term memory cell: Keras <c>LSTM</c>, PyTorch <c>nn.LSTM</c>.</summary>
    /// <value>The cell type named <c>LSTM</c>.</value>
    public static CellType Lstm { get; } = new("LSTM");

    /// <summary>Gets the gated recurrent unit: Keras <c>GRU</c>, PyTorch <c>nn.GRU</c>.</summary>
    /// <value>The cell type named <c>GRU</c>.</value>
    public static CellType Gru { get; } = new("GRU");

    /// <summary>Gets Keras 2's cuDNN LSTM layer, <c>CuDNNLSTM</c> (TensorFlow 1.x, <c>tf.compat.v1.keras.layers</c>): LSTM gates with cuDNN's two bias vectors, as PyTorch's <c>nn.LSTM</c>.</summary>
    /// <value>The cell type named <c>CuDNNLSTM</c>; Keras convention only.</value>
    public static CellType CuDnnLstm { get; } = new("CuDNNLSTM");

    /// <summary>Gets Keras 2's cuDNN GRU layer, <c>CuDNNGRU</c>: GRU gates with cuDNN's two bias vectors, as PyTorch's <c>nn.GRU</c>.</summary>
    /// <value>The cell type named <c>CuDNNGRU</c>; Keras convention only.</value>
    public static CellType CuDnnGru { get; } = new("CuDNNGRU");

    /// <summary>Gets the number of state tensors the cell carries: 2 for LSTM and CuDNNLSTM (h and c), 1 for the others.</summary>
    internal int StateCount => Equals(Lstm) || Equals(CuDnnLstm) ? 2 : 1;

    /// <summary>Gets the cell's class name, as Keras names the layer (e.g. <c>SimpleRNN</c>, <c>LSTM</c>).</summary>
    /// <value>A non-empty identifier.</value>
    public string Name { get; }

    /// <summary>Compares two cell types by name.</summary>
    /// <param name="left">The first cell type, or <see langword="null"/>.</param>
    /// <param name="right">The second cell type, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when both are null or have the same name.</returns>
    public static bool operator ==(CellType? left, CellType? right) => Equals(left, right);

    /// <summary>Compares two cell types by name.</summary>
    /// <param name="left">The first cell type, or <see langword="null"/>.</param>
    /// <param name="right">The second cell type, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when exactly one is null or the names differ.</returns>
    public static bool operator !=(CellType? left, CellType? right) => !Equals(left, right);

    /// <inheritdoc/>
    public bool Equals(CellType? other) =>
        ReferenceEquals(this, other) || (other is not null && hashCode == other.hashCode && string.Equals(Name, other.Name, StringComparison.Ordinal));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as CellType);

    /// <inheritdoc/>
    public override int GetHashCode() => hashCode;

    /// <summary>Returns the cell's name.</summary>
    /// <returns>The same value as <see cref="Name"/>.</returns>
    public override string ToString() => Name;

    private static bool IsValidName(string name)
    {
        if (name.Length == 0 || !IsAsciiLetter(name[0]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!IsAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
