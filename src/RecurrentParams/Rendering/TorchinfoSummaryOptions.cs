using System;
using System.Collections.Generic;
using System.Linq;
using RecurrentParams.Internal;

namespace RecurrentParams;

/// <summary>The options of torchinfo 1.8's <c>summary()</c> that change its text: <c>depth</c>, <c>col_names</c>, <c>row_settings</c>, <c>col_width</c> and <c>verbose</c>.</summary>
/// <remarks>
/// <para>Use with <see cref="ModelSummary.Render(TorchinfoSummaryOptions)"/>, e.g.
/// <c>summary.Render(new TorchinfoSummaryOptions { Depth = 2, RowSettings = TorchinfoRowSettings.Depth | TorchinfoRowSettings.VarNames })</c>.
/// The defaults are torchinfo's.</para>
/// <para>Instances are immutable and thread-safe; equality is by value (the columns are compared in order).</para>
/// </remarks>
public sealed record TorchinfoSummaryOptions
{
    private readonly int verbose = 1;
    private readonly int depth = 3;
    private readonly int columnWidth = 25;
    private readonly TorchinfoRowSettings rowSettings = TorchinfoRowSettings.Depth;
    private readonly TorchinfoColumn[]? columns;

    /// <summary>Gets torchinfo's <c>verbose</c> level.</summary>
    /// <value>0, 1 (the default) or 2. Levels 0 and 1 render the same text (torchinfo only decides whether to print it); 2 adds one sub-row per parameter (<c>└─weight_ih_l0</c>) with its count and shape.</value>
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

    /// <summary>Gets torchinfo's <c>depth</c>: how deep rows are shown; a container at this depth stands for its whole subtree.</summary>
    /// <value>Default 3; 0 shows the model's row alone.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative value.</exception>
    public int Depth
    {
        get => depth;
        init
        {
            if (value < 0)
            {
                Guard.ThrowOutOfRange("depth", value, "must be 0 or more");
            }

            depth = value;
        }
    }

    /// <summary>Gets torchinfo's <c>col_width</c>: the width of every column after the layer column.</summary>
    /// <value>Default 25; from 1 to <see cref="MaxColumnWidth"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value less than 1 or more than <see cref="MaxColumnWidth"/>.</exception>
    public int ColumnWidth
    {
        get => columnWidth;
        init
        {
            if (value < 1 || value > MaxColumnWidth)
            {
                Guard.ThrowOutOfRange("columnWidth", value, "must be from 1 to " + MaxColumnWidth.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            columnWidth = value;
        }
    }

    /// <summary>The widest column <see cref="ColumnWidth"/> accepts: 1,000 characters, so that a width never decides what rendering costs.</summary>
    public const int MaxColumnWidth = 1_000;

    /// <summary>Gets torchinfo's <c>row_settings</c>: what the layer column shows.</summary>
    /// <value>Default <see cref="TorchinfoRowSettings.Depth"/>; any combination of the defined flags.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value with undefined flags.</exception>
    public TorchinfoRowSettings RowSettings
    {
        get => rowSettings;
        init
        {
            const TorchinfoRowSettings all = TorchinfoRowSettings.Depth | TorchinfoRowSettings.VarNames | TorchinfoRowSettings.AsciiOnly | TorchinfoRowSettings.HideRecursiveLayers;
            if ((value & ~all) != 0)
            {
                Guard.ThrowOutOfRange("rowSettings", value, "must combine defined TorchinfoRowSettings flags only");
            }

            rowSettings = value;
        }
    }

    /// <summary>Gets the columns after the layer column, in order, as torchinfo's <c>col_names</c>.</summary>
    /// <value>
    /// <see langword="null"/> (the default) for torchinfo's: <see cref="TorchinfoColumn.OutputSize"/> and
    /// <see cref="TorchinfoColumn.NumParams"/>, or <see cref="TorchinfoColumn.NumParams"/> alone for a module tree summarized
    /// without an input. Otherwise each column at most once; possibly empty.
    /// </value>
    /// <exception cref="ArgumentException">Set to a list with an undefined value or a column twice.</exception>
    public IReadOnlyList<TorchinfoColumn>? Columns
    {
        get => columns is null ? null : Array.AsReadOnly(columns);
        init
        {
            if (value is null)
            {
                columns = null;
                return;
            }

            TorchinfoColumn[] copy = value.ToArray();
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
        other is not null && verbose == other.verbose && depth == other.depth && columnWidth == other.columnWidth
        && rowSettings == other.rowSettings
        && (columns is null ? other.columns is null : other.columns is not null && columns.SequenceEqual(other.columns));

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        int hash = (((((verbose * 31) + depth) * 31) + columnWidth) * 31) + (int)rowSettings;
        foreach (TorchinfoColumn column in columns ?? [])
        {
            hash = unchecked((hash * 31) + (int)column + 1);
        }

        return hash;
    }
}
