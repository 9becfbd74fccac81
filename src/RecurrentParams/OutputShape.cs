using System;
using System.Collections.Generic;
using System.Diagnostics.Contracts;
using System.Globalization;
using System.Linq;
using System.Text;
using RecurrentParams.Internal;

namespace RecurrentParams;

/// <summary>The shape of a tensor flowing between layers; a dimension may be unknown (Keras' <c>None</c>), such as the batch or the time steps.</summary>
/// <remarks>
/// Instances are immutable and thread-safe; equality is by value. <see cref="Unknown"/> stands for a tensor whose shape,
/// rank included, is not known (a group of tensors read from a weights file).
/// </remarks>
public sealed class OutputShape : IEquatable<OutputShape>
{
    private readonly long?[] dimensions;

    /// <summary>Initializes a shape from its dimensions, outermost (batch) first.</summary>
    /// <param name="dimensions">The dimensions; <see langword="null"/> for an unknown one, otherwise 0 or more. At least one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dimensions"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="dimensions"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    public OutputShape(params long?[] dimensions)
    {
        Guard.NotNull(dimensions, nameof(dimensions));
        if (dimensions.Length == 0)
        {
            Guard.ThrowArgument(nameof(dimensions), "'dimensions' must hold at least the batch dimension.");
        }

        foreach (long? d in dimensions)
        {
            if (d < 0)
            {
                Guard.ThrowOutOfRange(nameof(dimensions), d, "must hold dimensions of 0 or more (or null for unknown)");
            }
        }

        this.dimensions = (long?[])dimensions.Clone();
    }

    private OutputShape()
    {
        dimensions = [];
    }

    /// <summary>Gets the shape of a tensor about which nothing is known, not even its rank.</summary>
    /// <value>A shared instance with <see cref="IsKnown"/> <see langword="false"/> and <see cref="Rank"/> 0; Keras 3 prints it <c>?</c>, torchinfo <c>--</c>.</value>
    public static OutputShape Unknown { get; } = new();

    /// <summary>Gets a value indicating whether the rank is known (every shape but <see cref="Unknown"/>).</summary>
    /// <value><see langword="false"/> only for <see cref="Unknown"/>.</value>
    public bool IsKnown => dimensions.Length > 0;

    /// <summary>Gets the dimensions, batch first; <see langword="null"/> marks an unknown dimension.</summary>
    /// <value>A read-only copy with at least one element; empty for <see cref="Unknown"/>.</value>
    public IReadOnlyList<long?> Dimensions => Array.AsReadOnly(dimensions);

    /// <summary>Gets the number of dimensions, the batch included.</summary>
    /// <value>At least 1; 0 for <see cref="Unknown"/>.</value>
    public int Rank => dimensions.Length;

    /// <summary>Gets the last dimension (features, units, channels).</summary>
    /// <value><see langword="null"/> when unknown, and for <see cref="Unknown"/>.</value>
    public long? Last => dimensions.Length == 0 ? null : dimensions[dimensions.Length - 1];

    /// <summary>Gets a dimension by index.</summary>
    /// <param name="index">0 for the batch dimension.</param>
    /// <returns>The dimension, or <see langword="null"/> when unknown.</returns>
    /// <exception cref="IndexOutOfRangeException"><paramref name="index"/> is not in [0, <see cref="Rank"/>).</exception>
    public long? this[int index] => dimensions[index];

    /// <summary>Compares two shapes by value.</summary>
    /// <param name="left">The first shape, or <see langword="null"/>.</param>
    /// <param name="right">The second shape, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when both are null or have the same dimensions.</returns>
    public static bool operator ==(OutputShape? left, OutputShape? right) => Equals(left, right);

    /// <summary>Compares two shapes by value.</summary>
    /// <param name="left">The first shape, or <see langword="null"/>.</param>
    /// <param name="right">The second shape, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the dimensions differ.</returns>
    public static bool operator !=(OutputShape? left, OutputShape? right) => !Equals(left, right);

    /// <summary>Returns a copy with the last dimension replaced.</summary>
    /// <param name="last">The new last dimension, or <see langword="null"/> for unknown.</param>
    /// <returns>The new shape.</returns>
    /// <exception cref="InvalidOperationException">The shape is <see cref="Unknown"/>: it has no last dimension.</exception>
    [Pure]
    public OutputShape WithLast(long? last)
    {
        if (!IsKnown)
        {
            throw new InvalidOperationException("An unknown shape has no last dimension to replace.");
        }

        var copy = (long?[])dimensions.Clone();
        copy[copy.Length - 1] = last;
        return new OutputShape(copy);
    }

    /// <inheritdoc/>
    public bool Equals(OutputShape? other) => other is not null && dimensions.SequenceEqual(other.dimensions);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as OutputShape);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        int hash = 19;
        foreach (long? d in dimensions)
        {
            hash = unchecked((hash * 31) + (d?.GetHashCode() ?? -1));
        }

        return hash;
    }

    /// <summary>Formats the shape as Keras prints it: <c>(None, None, 5)</c>, <c>(None, 4)</c>.</summary>
    /// <returns>The Python tuple, in the invariant culture; <c>?</c> for <see cref="Unknown"/>, as Keras 3 prints a shape it does not know.</returns>
    [Pure]
    public override string ToString() => IsKnown ? Format("(", ")", "None", trailingCommaForRankOne: true) : "?";

    /// <summary>Formats the shape as torchinfo prints it: <c>[1, 7, 4]</c>.</summary>
    /// <returns>The list, in the invariant culture; an unknown dimension prints as <c>None</c>, and <see cref="Unknown"/> as torchinfo's <c>--</c>.</returns>
    [Pure]
    public string ToListString() => IsKnown ? Format("[", "]", "None", trailingCommaForRankOne: false) : "--";

    private string Format(string open, string close, string unknown, bool trailingCommaForRankOne)
    {
        var builder = new StringBuilder(open);
        for (int k = 0; k < dimensions.Length; k++)
        {
            if (k > 0)
            {
                builder.Append(", ");
            }

            builder.Append(dimensions[k] is long d ? d.ToString(CultureInfo.InvariantCulture) : unknown);
        }

        if (trailingCommaForRankOne && dimensions.Length == 1)
        {
            builder.Append(',');
        }

        return builder.Append(close).ToString();
    }
}
