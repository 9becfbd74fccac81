using System;
using System.Collections.Generic;
using System.Linq;
using RecurrentParams.Internal;

namespace RecurrentParams;

/// <summary>The options of torchinfo 1.8's <c>summary()</c> that change its text: <c>verbose</c> and <c>col_names</c>.</summary>
/// <remarks>
/// <para>Use with <see cref="ModelSummary.Render(TorchinfoSummaryOptions)"/>, e.g.
/// <c>summary.Render(new TorchinfoSummaryOptions { Verbose = 2 })</c>. torchinfo's other defaults are kept:
/// <c>depth=3</c>, <c>col_width=25</c>, <c>row_settings=("depth",)</c>.</para>
/// <para>Instances are immutable and thread-safe; equality is by value (the columns are compared in order).</para>
/// </remarks>
public sealed record TorchinfoSummaryOptions
{
    private static readonly TorchinfoColumn[] DefaultColumns = [TorchinfoColumn.OutputSize, TorchinfoColumn.NumParams];

    private readonly int verbose = 1;
    private readonly TorchinfoColumn[] columns = DefaultColumns;

    /// <summary>Gets torchinfo's <c>verbose</c> level.</summary>
    /// <value>0, 1 (the default) or 2. Levels 0 and 1 render the same text (torchinfo only decides whether to print it); 2 adds one sub-row per weight tensor (<c>└─weight_ih_l0</c>) with its count and shape.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value outside [0, 2].</exception>
    public int Verbose
    {
        get => verbose;
        init
        {
            if (value is < 0 or > 2)
            {
                Guard.ThrowOutOfRange("verbose", value, "must be 0, 1 or 2");
            }

            verbose = value;
        }
    }

    /// <summary>Gets the columns after the layer column, in order, as torchinfo's <c>col_names</c>.</summary>
    /// <value>Default <see cref="TorchinfoColumn.OutputSize"/>, <see cref="TorchinfoColumn.NumParams"/>; each column at most once; possibly empty.</value>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Set to a list with an undefined value or a column twice.</exception>
    public IReadOnlyList<TorchinfoColumn> Columns
    {
        get => Array.AsReadOnly(columns);
        init
        {
            TorchinfoColumn[] copy = Guard.NotNull(value, "columns").ToArray();
            if (copy.Any(c => c is < TorchinfoColumn.InputSize or > TorchinfoColumn.Trainable) || copy.Distinct().Count() != copy.Length)
            {
                Guard.ThrowArgument("columns", "'columns' must hold defined TorchinfoColumn values, each at most once.");
            }

            columns = copy;
        }
    }

    /// <summary>Gets the options torchinfo uses when none are given.</summary>
    internal static TorchinfoSummaryOptions Default { get; } = new();

    /// <inheritdoc/>
    public bool Equals(TorchinfoSummaryOptions? other) =>
        other is not null && verbose == other.verbose && columns.SequenceEqual(other.columns);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        int hash = verbose;
        foreach (TorchinfoColumn column in columns)
        {
            hash = unchecked((hash * 31) + (int)column);
        }

        return hash;
    }
}
