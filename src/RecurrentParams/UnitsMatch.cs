using System.Globalization;

namespace RecurrentParams;

/// <summary>The sizes of another cell nearest to a layer's parameter count, from <see cref="Params.MatchUnits"/>: "which GRU is as large as my LSTM(256)?".</summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class UnitsMatch
{
    internal UnitsMatch(LayerSpec layer, long count, LayerSpec? below, long belowCount, LayerSpec? above, long aboveCount)
    {
        Layer = layer;
        Count = count;
        Below = below;
        BelowCount = belowCount;
        Above = above;
        AboveCount = aboveCount;
    }

    /// <summary>Gets the layer that was matched.</summary>
    /// <value>Never <see langword="null"/>.</value>
    public LayerSpec Layer { get; }

    /// <summary>Gets the layer's parameter count, the target of the match.</summary>
    /// <value>At least 1.</value>
    public long Count { get; }

    /// <summary>Gets the other cell at the largest size whose count is at most <see cref="Count"/>.</summary>
    /// <value><see langword="null"/> when even its smallest size has more parameters than the layer.</value>
    public LayerSpec? Below { get; }

    /// <summary>Gets the count of <see cref="Below"/>.</summary>
    /// <value>At most <see cref="Count"/>; 0 when <see cref="Below"/> is <see langword="null"/>.</value>
    public long BelowCount { get; }

    /// <summary>Gets the other cell at the smallest size whose count is at least <see cref="Count"/>.</summary>
    /// <value>The same as <see cref="Below"/> when the counts are equal; <see langword="null"/> when no size up to <see cref="int.MaxValue"/> with a count that fits in a <see cref="long"/> reaches it.</value>
    public LayerSpec? Above { get; }

    /// <summary>Gets the count of <see cref="Above"/>.</summary>
    /// <value>At least <see cref="Count"/>; 0 when <see cref="Above"/> is <see langword="null"/>.</value>
    public long AboveCount { get; }

    /// <summary>Gets a value indicating whether a size of the other cell has exactly the layer's count.</summary>
    /// <value><see langword="true"/> when <see cref="BelowCount"/> equals <see cref="Count"/>.</value>
    public bool IsExact => Below is not null && BelowCount == Count;

    /// <summary>Describes the match in one line, e.g. <c>LSTM(units=256) on 128 features: 394,240 parameters; GRU: units=296 has 351,648 (below), units=297 has 354,024 (above)</c>.</summary>
    /// <returns>The layer, its count and the sizes found.</returns>
    public override string ToString() =>
        Params.Explain(Layer).Subject + ": " + Count.ToString("N0", CultureInfo.InvariantCulture) + " parameters; "
        + (Below ?? Above ?? Layer).CellType.Name + ": "
        + (IsExact ? Describe(Below, BelowCount) + " (exact)" : Describe(Below, BelowCount) + " (below), " + Describe(Above, AboveCount) + " (above)");

    private static string Describe(LayerSpec? spec, long count) =>
        spec is null ? "none" : "units=" + spec.Units.ToString(CultureInfo.InvariantCulture) + " has " + count.ToString("N0", CultureInfo.InvariantCulture);
}
