using System;
using RecurrentParams.Internal;

namespace RecurrentParams;

/// <summary>The options of Keras 3's <c>model.summary()</c> that change its text: <c>line_length</c> and <c>show_trainable</c>.</summary>
/// <remarks>
/// <para>Use with <see cref="ModelSummary.Render(Keras3SummaryOptions)"/>, e.g.
/// <c>summary.Render(new Keras3SummaryOptions { LineLength = 80, ShowTrainable = true })</c>.</para>
/// <para>Instances are immutable and thread-safe; equality is by value.</para>
/// </remarks>
public sealed record Keras3SummaryOptions
{
    private readonly int? lineLength;

    /// <summary>The widest table <see cref="LineLength"/> accepts: 10,000 characters, so that a width never decides what rendering costs.</summary>
    public const int MaxLineLength = 10_000;

    /// <summary>Gets the total width of the table in characters, as Keras' <c>line_length</c>.</summary>
    /// <value>
    /// <see langword="null"/> (the default) for Keras' default on a wide terminal: 88, or 100 with <see cref="ShowTrainable"/>.
    /// Otherwise from 1 to <see cref="MaxLineLength"/>; a width too small for Keras' columns (each at least 4 characters)
    /// fails at render time.
    /// </value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value less than 1 or more than <see cref="MaxLineLength"/>.</exception>
    public int? LineLength
    {
        get => lineLength;
        init
        {
            if (value is int length && (length < 1 || length > MaxLineLength))
            {
                Guard.ThrowOutOfRange("lineLength", length, "must be from 1 to " + MaxLineLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            lineLength = value;
        }
    }

    /// <summary>Gets a value indicating whether a <c>Trainable</c> column is added, as Keras' <c>show_trainable</c>.</summary>
    /// <value>Default <see langword="false"/>. The column shows <c>Y</c> for a layer with trainable weights, <c>N</c> for one whose weights are all frozen, <c>-</c> for one without weights.</value>
    public bool ShowTrainable { get; init; }

    /// <summary>Gets the options Keras uses when none are given.</summary>
    internal static Keras3SummaryOptions Default { get; } = new();
}
