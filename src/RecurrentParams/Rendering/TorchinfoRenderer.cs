using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;

namespace RecurrentParams.Rendering;

/// <summary>torchinfo 1.8's <c>str(summary(model, ...))</c> (<c>torchinfo/formatting.py</c>, <c>model_statistics.py</c>, <c>layer_info.py</c>).</summary>
/// <remarks>
/// <para>Rows come from <see cref="TorchinfoStatistics"/>: the model first, then the rows down to <c>depth</c>; a container
/// at the last depth shows its whole subtree's parameters and its leaf rows' mult-adds, one above it only the parameters
/// no row below counts. Every statistic is torchinfo's, from the rows.</para>
/// <para>The mult-adds line prints the intended <c>Total mult-adds (M): 0.00</c> (torchinfo 1.8 on Python 3.11 prints the
/// enum as <c>Units.MEGABYTES</c>). No trailing newline.</para>
/// </remarks>
internal static class TorchinfoRenderer
{
    private const int DepthIndent = 5;
    private const string Empty = "--";

    private static readonly Dictionary<TorchinfoColumn, string> Titles = new()
    {
        [TorchinfoColumn.KernelSize] = "Kernel Shape",
        [TorchinfoColumn.InputSize] = "Input Shape",
        [TorchinfoColumn.OutputSize] = "Output Shape",
        [TorchinfoColumn.NumParams] = "Param #",
        [TorchinfoColumn.ParamsPercent] = "Param %",
        [TorchinfoColumn.MultAdds] = "Mult-Adds",
        [TorchinfoColumn.Trainable] = "Trainable",
    };

    public static string Render(ModelSummary summary, TorchinfoSummaryOptions options)
    {
        TorchinfoStatistics stats = TorchinfoStatistics.Of(summary);
        IReadOnlyList<TorchinfoColumn> columns = Columns(summary, stats, options);
        TorchinfoRowSettings settings = options.RowSettings;
        bool varNames = (settings & TorchinfoRowSettings.VarNames) != 0;
        bool showDepth = (settings & TorchinfoRowSettings.Depth) != 0;
        bool ascii = (settings & TorchinfoRowSettings.AsciiOnly) != 0;
        bool hideRecursive = (settings & TorchinfoRowSettings.HideRecursiveLayers) != 0;
        int width = options.ColumnWidth;

        int nameWidth = 40;
        int longest = stats.Layers.Max(l => Title(l, varNames, showDepth).Length + (l.Row.Depth * DepthIndent) + 1);
        if (longest >= nameWidth)
        {
            nameWidth = (int)Math.Ceiling(longest / (double)DepthIndent) * DepthIndent;
        }

        string divider = new('=', (columns.Count * width) + nameWidth);
        var text = new StringBuilder();
        text.Append(divider).Append('\n');
        string header = "Layer (type" + (varNames ? " (var_name)" : string.Empty) + (showDepth ? ":depth-idx" : string.Empty) + ")";
        text.Append(Row(nameWidth, width, header, columns, c => Titles[c]));
        text.Append(divider).Append('\n');

        long total = summary.TotalParams;
        foreach (TorchinfoStatistics.Layer layer in stats.Layers)
        {
            LayerSummary row = layer.Row;
            if (row.Depth > options.Depth || (hideRecursive && row.IsRecursive))
            {
                continue;
            }

            bool reachedMaxDepth = row.Depth == options.Depth;
            text.Append(Row(nameWidth, width, Start(row.Depth, ascii) + Title(layer, varNames, showDepth), columns, c => c switch
            {
                TorchinfoColumn.KernelSize => row.KernelSize is { Count: > 0 } kernel ? "[" + string.Join(", ", kernel.Select(k => PythonText.Int(k))) + "]" : Empty,
                TorchinfoColumn.InputSize => layer.Input is { IsKnown: true } input ? input.ToListString() : Empty,
                TorchinfoColumn.OutputSize => layer.Executed ? row.OutputShape.ToListString() : Empty,
                TorchinfoColumn.NumParams => NumParams(layer, reachedMaxDepth),
                TorchinfoColumn.ParamsPercent => Percent(layer, total, reachedMaxDepth),
                TorchinfoColumn.MultAdds => MultAdds(layer, reachedMaxDepth),
                _ => TrainableLabel(layer.Params, layer.Trainable),
            }));
            if (options.Verbose == 2)
            {
                AppendWeights(text, nameWidth, width, columns, Start(row.Depth + 1, ascii), row);
            }
        }

        text.Append(divider).Append('\n');
        string bound = ShapeText.Bound(summary);
        string? note = ShapeText.BoundNote(summary);
        text.Append("Total params: ").Append(bound).Append(ShapeText.Thousands(summary.TotalParams)).Append(note is null ? string.Empty : " (" + note + ")").Append('\n');
        text.Append("Trainable params: ").Append(bound).Append(ShapeText.Thousands(summary.TrainableParams)).Append('\n');
        text.Append("Non-trainable params: ").Append(bound).Append(ShapeText.Thousands(summary.NonTrainableParams)).Append('\n');
        foreach (string line in ShapeText.Notes(summary))
        {
            text.Append(line).Append('\n');
        }

        if (stats.InputBytes is long inputBytes)
        {
            text.Append("Total mult-adds ").Append(MultAddsText(stats.TotalMacs)).Append('\n');
            text.Append(divider).Append('\n');
            text.Append("Input size (MB): ").Append(Megabytes(inputBytes)).Append('\n');
            text.Append("Forward/backward pass size (MB): ").Append(Megabytes(stats.ForwardBackwardBytes)).Append('\n');
            text.Append("Params size (MB): ").Append(Megabytes(stats.ParamBytes)).Append('\n');
            text.Append("Estimated Total Size (MB): ")
                .Append(Megabytes(checked(inputBytes + stats.ForwardBackwardBytes + stats.ParamBytes))).Append('\n');
        }

        text.Append(divider);
        return text.ToString();
    }

    /// <summary>torchinfo's default columns: output size and parameters after a forward pass, parameters alone for a module tree summarized without an input.</summary>
    internal static IReadOnlyList<TorchinfoColumn> Columns(ModelSummary summary, TorchinfoStatistics stats, TorchinfoSummaryOptions options) =>
        options.Columns ?? (stats.IsTree && summary.Input is null
            ? [TorchinfoColumn.NumParams]
            : [TorchinfoColumn.OutputSize, TorchinfoColumn.NumParams]);

    /// <summary>torchinfo's <c>get_start_str</c>: nothing for the model, <c>├─</c> at depth 1, <c>│    └─</c> below.</summary>
    internal static string Start(int depth, bool ascii) => depth switch
    {
        0 => string.Empty,
        1 => ascii ? "+ " : "├─",
        _ => string.Concat(Enumerable.Repeat(ascii ? "|    " : "│    ", depth - 1)) + (ascii ? "+ " : "└─"),
    };

    /// <summary>torchinfo's <c>get_layer_name</c>: <c>LSTM (lstm): 1-2</c>.</summary>
    internal static string Title(TorchinfoStatistics.Layer layer, bool varNames, bool showDepth)
    {
        string title = layer.Row.ClassName;
        if (varNames && layer.VarName.Length > 0)
        {
            title += " (" + layer.VarName + ")";
        }

        if (showDepth && layer.Row.Depth > 0)
        {
            title += ": " + PythonText.Int(layer.Row.Depth) + "-" + PythonText.Int(layer.DepthIndex);
        }

        return title;
    }

    /// <summary>torchinfo's <c>num_params_to_str</c>.</summary>
    internal static string NumParams(TorchinfoStatistics.Layer layer, bool reachedMaxDepth)
    {
        if (layer.Row.CountBasis != CountBasis.Configuration && layer.Row.IsLeaf && !layer.Row.IsRecursive)
        {
            // A row read from a file: counted from its stored weights, or a lower bound.
            return ShapeText.Count(layer.Row, ShapeText.Thousands);
        }

        if (layer.Params == 0)
        {
            return Empty;
        }

        if (layer.Row.IsRecursive)
        {
            return "(recursive)";
        }

        if (reachedMaxDepth || layer.Row.IsLeaf)
        {
            string count = ShapeText.Thousands(layer.Params);
            return layer.Trainable > 0 ? count : "(" + count + ")";
        }

        return layer.Leftover > 0 ? ShapeText.Thousands(layer.Leftover) : Empty;
    }

    /// <summary>torchinfo's <c>trainable</c> property.</summary>
    internal static string TrainableLabel(long parameters, long trainable) =>
        parameters == 0 ? Empty : trainable == 0 ? "False" : trainable == parameters ? "True" : "Partial";

    /// <summary>torchinfo's <c>format_output_num</c> with automatic units: <c>(M): 376.85</c>, <c>(G): 1.20</c>; a whole number prints without decimals.</summary>
    internal static string MultAddsText(long macs)
    {
        (string unit, double value) = macs >= 1e12 ? ("T", macs / 1e12) : macs >= 1e9 ? ("G", macs / 1e9) : ("M", macs / 1e6);
        return "(" + unit + "): " + PythonText.Fixed(value, Math.Floor(value) == value ? 0 : 2, thousands: true);
    }

    /// <summary>torchinfo's <c>f"{to_megabytes(bytes):0.2f}"</c>.</summary>
    internal static string Megabytes(long bytes) => PythonText.Fixed(bytes / 1e6, 2);

    /// <summary>torchinfo's <c>params_percent</c>: <c>f"{share:>7.2%}"</c>, <c>     --</c> or <c>(recursive)</c>.</summary>
    private static string Percent(TorchinfoStatistics.Layer layer, long total, bool reachedMaxDepth)
    {
        const string zero = "     " + Empty;
        if (total == 0)
        {
            return zero;
        }

        if (layer.Row.IsRecursive)
        {
            return "(recursive)";
        }

        long parameters = reachedMaxDepth || layer.Row.IsLeaf ? layer.Params : layer.Leftover;
        if (parameters == 0)
        {
            return zero;
        }

        double share = (double)parameters / total * 100;
        return (PythonText.Fixed(share, 2) + "%").PadLeft(7);
    }

    /// <summary>torchinfo's <c>macs_to_str</c>: a leaf's own, a container's leaf rows' at the last depth, else <c>--</c>.</summary>
    private static string MultAdds(TorchinfoStatistics.Layer layer, bool reachedMaxDepth)
    {
        if (layer.Macs <= 0)
        {
            return Empty;
        }

        if (layer.Row.IsLeaf)
        {
            return ShapeText.Thousands(layer.Macs);
        }

        return reachedMaxDepth ? ShapeText.Thousands(layer.ChildMacs) : Empty;
    }

    /// <summary>torchinfo's <c>format_row</c>: the layer column, then each column left-aligned in its width, right-trimmed.</summary>
    private static string Row(int nameWidth, int width, string name, IReadOnlyList<TorchinfoColumn> columns, Func<TorchinfoColumn, string> value)
    {
        var line = new StringBuilder(name.PadRight(nameWidth)).Append(' ');
        foreach (TorchinfoColumn column in columns)
        {
            line.Append(value(column).PadRight(width)).Append(' ');
        }

        return line.ToString().TrimEnd() + "\n";
    }

    /// <summary>
    /// Verbose rows (torchinfo's <c>inner_layers</c>): one per parameter of the row's module, its subtree's under dotted
    /// names (the model's row lists only its own), with its count (<c>├─</c>, the last <c>└─</c>) and its shape (a
    /// parameter named <c>weight</c> with its first two dimensions swapped).
    /// </summary>
    private static void AppendWeights(StringBuilder text, int nameWidth, int width, IReadOnlyList<TorchinfoColumn> columns, string prefix, LayerSummary row)
    {
        WeightTensor[] weights = row.Depth == 0 ? row.Weights.Where(w => w.Name.All(c => c != '.')).ToArray() : row.Weights.ToArray();
        for (int k = 0; k < weights.Length; k++)
        {
            WeightTensor weight = weights[k];
            long[] shape = weight.Shape.Dimensions.ToArray();
            if (weight.Name == "weight" && shape.Length > 1)
            {
                (shape[0], shape[1]) = (shape[1], shape[0]);
            }

            string count = (k == weights.Length - 1 ? "└─" : "├─") + ShapeText.Thousands(weight.Count);
            string kernel = "[" + string.Join(", ", shape.Select(ShapeText.Plain)) + "]";
            text.Append(Row(nameWidth, width, prefix + weight.Name, columns, c => c switch
            {
                TorchinfoColumn.NumParams => count,
                TorchinfoColumn.KernelSize => kernel,
                _ => string.Empty,
            }));
        }
    }
}
