using System;
using System.Collections.Generic;
using System.Diagnostics.Contracts;
using System.Globalization;
using System.Text;
using RecurrentParams.Internal;

namespace RecurrentParams.Formulas;

/// <summary>The shape of a weight tensor: its dimensions, outermost first, as the framework reports them.</summary>
/// <remarks>Instances are immutable and thread-safe; equality is by value (same dimensions in the same order).</remarks>
public sealed class TensorShape : IEquatable<TensorShape>
{
    private readonly long[] dimensions;

    /// <summary>Initializes a shape from its dimensions.</summary>
    /// <param name="dimensions">The dimensions, each 0 or more; an empty list is a scalar.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dimensions"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="OverflowException">The product of the dimensions does not fit in a <see cref="long"/> (a shape with a zero dimension has 0 elements, whatever the others).</exception>
    public TensorShape(params long[] dimensions)
    {
        Guard.NotNull(dimensions, nameof(dimensions));
        bool empty = false;
        foreach (long d in dimensions)
        {
            if (d < 0)
            {
                Guard.ThrowOutOfRange(nameof(dimensions), d, "must hold dimensions of 0 or more");
            }

            empty |= d == 0;
        }

        // A zero anywhere means no elements, whatever the other dimensions and their order: (0, 2^32, 2^32) and
        // (2^32, 2^32, 0) are the same verdict.
        long count = empty ? 0 : 1;
        foreach (long d in empty ? [] : dimensions)
        {
            count = checked(count * d);
        }

        this.dimensions = (long[])dimensions.Clone();
        ElementCount = count;
    }

    /// <summary>Gets the dimensions, outermost first.</summary>
    /// <value>A read-only copy; empty for a scalar.</value>
    public IReadOnlyList<long> Dimensions => Array.AsReadOnly(dimensions);

    /// <summary>Gets the number of dimensions.</summary>
    /// <value>0 for a scalar.</value>
    public int Rank => dimensions.Length;

    /// <summary>Gets the number of elements: the product of the dimensions (1 for a scalar).</summary>
    /// <value>0 or more.</value>
    public long ElementCount { get; }

    /// <summary>Compares two shapes by value.</summary>
    /// <param name="left">The first shape, or <see langword="null"/>.</param>
    /// <param name="right">The second shape, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when both are null or have the same dimensions.</returns>
    public static bool operator ==(TensorShape? left, TensorShape? right) => Equals(left, right);

    /// <summary>Compares two shapes by value.</summary>
    /// <param name="left">The first shape, or <see langword="null"/>.</param>
    /// <param name="right">The second shape, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the dimensions differ.</returns>
    public static bool operator !=(TensorShape? left, TensorShape? right) => !Equals(left, right);

    /// <inheritdoc/>
    public bool Equals(TensorShape? other)
    {
        if (other is null || other.dimensions.Length != dimensions.Length)
        {
            return false;
        }

        for (int k = 0; k < dimensions.Length; k++)
        {
            if (dimensions[k] != other.dimensions[k])
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as TensorShape);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        int hash = 17;
        foreach (long d in dimensions)
        {
            hash = unchecked((hash * 31) + d.GetHashCode());
        }

        return hash;
    }

    /// <summary>Formats the shape as a Python tuple, the way Keras prints it: <c>(5, 16)</c>, <c>(16,)</c>, <c>()</c>.</summary>
    /// <returns>The formatted shape, in the invariant culture.</returns>
    [Pure]
    public override string ToString() => Format("(", ")", trailingCommaForRankOne: true);

    /// <summary>Formats the shape as a list, the way PyTorch prints <c>torch.Size</c> in torchinfo: <c>[16, 5]</c>.</summary>
    /// <returns>The formatted shape, in the invariant culture.</returns>
    [Pure]
    public string ToListString() => Format("[", "]", trailingCommaForRankOne: false);

    private string Format(string open, string close, bool trailingCommaForRankOne)
    {
        var builder = new StringBuilder(open);
        for (int k = 0; k < dimensions.Length; k++)
        {
            if (k > 0)
            {
                builder.Append(", ");
            }

            builder.Append(dimensions[k].ToString(CultureInfo.InvariantCulture));
        }

        if (trailingCommaForRankOne && dimensions.Length == 1)
        {
            builder.Append(',');
        }

        return builder.Append(close).ToString();
    }
}
