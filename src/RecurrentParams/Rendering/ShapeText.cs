using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RecurrentParams.Rendering;

/// <summary>Shape and number formats the renderers share, always in the invariant culture.</summary>
internal static class ShapeText
{
    /// <summary>Python's <c>f"{n:,}"</c>: <c>1,234,567</c>.</summary>
    public static string Thousands(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Python's <c>f"{n}"</c>.</summary>
    public static string Plain(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A layer's shapes as Python prints them: one tuple, or a list of tuples for several outputs (<c>[(None, 4), (None, 4)]</c>); an unknown one as <c>?</c>.</summary>
    public static string PythonTuples(IReadOnlyList<OutputShape> shapes) =>
        shapes.Count == 1 ? shapes[0].ToString() : "[" + string.Join(", ", shapes.Select(s => s.ToString())) + "]";

    /// <summary>Keras 2's Output Shape cell: <see cref="PythonTuples"/>, or <c>multiple</c> when a shape is unknown (Keras 2 prints that when a layer has no single output shape).</summary>
    public static string Keras2(IReadOnlyList<OutputShape> shapes) =>
        shapes.All(s => s.IsKnown) ? PythonTuples(shapes) : "multiple";

    /// <summary>A layer's shapes as Keras 3's <c>format_layer_shape</c> prints them: <c>(None, 4)</c>, a rank-1 shape without Python's trailing comma (<c>(None)</c>), an unknown one as <c>?</c>, several as a list.</summary>
    public static string Keras3(IReadOnlyList<OutputShape> shapes) =>
        shapes.Count == 1 ? Keras3(shapes[0]) : "[" + string.Join(", ", shapes.Select(Keras3)) + "]";

    /// <summary>
    /// A row's Param # cell: the count as <paramref name="format"/> writes it; for a row counted from stored weights with a
    /// trailing <c>*</c> (the footer says so); for a lower bound <c>?</c> when nothing was counted, else <c>≥</c> before it.
    /// </summary>
    public static string Count(LayerSummary row, System.Func<long, string> format) => row.CountBasis switch
    {
        CountBasis.LowerBound => row.Params == 0 ? "?" : "≥" + format(row.Params),
        CountBasis.StoredWeights => format(row.Params) + "*",
        _ => format(row.Params),
    };

    /// <summary>The total's prefix: <c>≥ </c> when the model's totals are lower bounds.</summary>
    public static string Bound(ModelSummary summary) => summary.IsLowerBound ? "≥ " : string.Empty;

    /// <summary>Why the totals are lower bounds: <c>lower bound: 2 layers not counted</c>; <see langword="null"/> when they are exact.</summary>
    public static string? BoundNote(ModelSummary summary)
    {
        int uncounted = summary.Rows.Count(r => r.CountBasis == CountBasis.LowerBound);
        return uncounted == 0 ? null : "lower bound: " + Plain(uncounted) + (uncounted == 1 ? " layer" : " layers") + " not counted";
    }

    /// <summary>
    /// The footer lines that explain the marks of the Param # column: the layers not counted (<c>?</c>, <c>≥</c>) and those
    /// counted from stored weights (<c>*</c>); none for a summary counted from configuration alone.
    /// </summary>
    public static IEnumerable<string> Notes(ModelSummary summary)
    {
        string[] uncounted = summary.Rows.Where(r => r.CountBasis == CountBasis.LowerBound).Select(r => "'" + r.Name + "'").ToArray();
        if (uncounted.Length > 0)
        {
            yield return "Not counted (the totals are lower bounds): " + string.Join(", ", uncounted);
        }

        string[] stored = summary.Rows.Where(r => r.CountBasis == CountBasis.StoredWeights).Select(r => "'" + r.Name + "'").ToArray();
        if (stored.Length > 0)
        {
            yield return "* Counted from the weights the file stores: " + string.Join(", ", stored);
        }
    }

    /// <summary>Every tensor of every call of a row, in order (<c>lstm[0][0]</c>); empty for an input or a sequential row.</summary>
    public static IEnumerable<string> Connections(LayerSummary row) =>
        row.InboundNodes.SelectMany(call => call).Select(tensor => tensor.ToString());

    /// <summary>Keras 3's <c>get_connections</c>: the connections joined by ", ", or <c>-</c> without any.</summary>
    public static string ConnectedTo(LayerSummary row)
    {
        string joined = string.Join(", ", Connections(row));
        return joined.Length == 0 ? "-" : joined;
    }

    private static string Keras3(OutputShape shape) =>
        shape.IsKnown ? "(" + string.Join(", ", shape.Dimensions.Select(d => d is long known ? Plain(known) : "None")) + ")" : "?";
}
