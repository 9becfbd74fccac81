using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using RecurrentParams.Formulas;

namespace RecurrentParams.Rendering;

/// <summary>torchinfo 1.8's <c>str(summary(model, input_size, depth=3))</c> (<c>torchinfo/formatting.py</c>, <c>model_statistics.py</c>).</summary>
/// <remarks>
/// <para>The first row is the model itself (<see cref="ModelSummary.Name"/>, the model's output, <c>--</c> for its
/// parameters, which all belong to its children); every <see cref="ModelSummary.Rows"/> entry is a leaf child at depth 1
/// (<c>├─LSTM: 1-1</c>). A row's input shape is <see cref="LayerSummary.InputShape"/>, or, when a row does not record it
/// (a summary read from a file), the previous row's output.</para>
/// <para>The mult-adds line prints the intended <c>Total mult-adds (M): 0.00</c> (torchinfo 1.8 on Python 3.11 prints the
/// enum as <c>Units.MEGABYTES</c>). No trailing newline.</para>
/// </remarks>
internal static class TorchinfoRenderer
{
    private const int ColumnWidth = 25;
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
        IReadOnlyList<TorchinfoColumn> columns = options.Columns;
        IReadOnlyList<LayerSummary> rows = summary.Rows;
        string[] titles = rows.Select((r, k) => r.ClassName + ": 1-" + ShapeText.Plain(k + 1)).ToArray();
        int nameWidth = NameWidth(summary.Name.Length + 1, titles.Select(t => t.Length + DepthIndent + 1));
        string divider = new('=', (columns.Count * ColumnWidth) + nameWidth);

        var text = new StringBuilder();
        text.Append(divider).Append('\n');
        text.Append(Row(nameWidth, "Layer (type:depth-idx)", columns, c => Titles[c]));
        text.Append(divider).Append('\n');

        long total = summary.TotalParams;
        text.Append(Row(nameWidth, summary.Name, columns, c => c switch
        {
            TorchinfoColumn.InputSize => summary.Input?.ToListString() ?? Empty,
            TorchinfoColumn.OutputSize => summary.Output.ToListString(),
            TorchinfoColumn.ParamsPercent => "     " + Empty,
            TorchinfoColumn.Trainable => TrainableLabel(summary.TotalParams, summary.TrainableParams),
            _ => Empty,
        }));

        OutputShape? input = summary.Input;
        for (int k = 0; k < rows.Count; k++)
        {
            LayerSummary row = rows[k];
            OutputShape? rowInput = row.InputShape ?? input;
            long macs = stats.Macs[k];
            text.Append(Row(nameWidth, "├─" + titles[k], columns, c => c switch
            {
                TorchinfoColumn.InputSize => rowInput?.ToListString() ?? Empty,
                TorchinfoColumn.OutputSize => row.OutputShape.ToListString(),
                TorchinfoColumn.NumParams => row.CountBasis != CountBasis.Configuration ? ShapeText.Count(row, ShapeText.Thousands)
                    : row.Params == 0 ? Empty
                    : row.TrainableParams > 0 ? ShapeText.Thousands(row.Params) : "(" + ShapeText.Thousands(row.Params) + ")",
                TorchinfoColumn.ParamsPercent => Percent(row.Params, total),
                TorchinfoColumn.MultAdds => macs > 0 ? ShapeText.Thousands(macs) : Empty,
                TorchinfoColumn.Trainable => TrainableLabel(row.Params, row.TrainableParams),
                _ => Empty,
            }));
            if (options.Verbose == 2)
            {
                AppendWeights(text, nameWidth, columns, row.Weights);
            }

            input = row.OutputShape;
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

    /// <summary>torchinfo's <c>set_layer_name_width</c>: 40, or the longest title plus its indent rounded up to a multiple of 5.</summary>
    private static int NameWidth(int topLength, IEnumerable<int> rowLengths)
    {
        int longest = rowLengths.Aggregate(topLength, Math.Max);
        return longest >= 40 ? (int)Math.Ceiling(longest / (double)DepthIndent) * DepthIndent : 40;
    }

    /// <summary>torchinfo's <c>format_row</c>: the layer column, then each column left-aligned in 25, right-trimmed.</summary>
    private static string Row(int nameWidth, string name, IReadOnlyList<TorchinfoColumn> columns, Func<TorchinfoColumn, string> value)
    {
        var line = new StringBuilder(name.PadRight(nameWidth)).Append(' ');
        foreach (TorchinfoColumn column in columns)
        {
            line.Append(value(column).PadRight(ColumnWidth)).Append(' ');
        }

        return line.ToString().TrimEnd() + "\n";
    }

    /// <summary>Verbose rows: one per weight, <c>│    └─name</c>, its count (<c>├─</c>, the last <c>└─</c>) and its shape (a tensor named <c>weight</c> with its first two dimensions swapped).</summary>
    private static void AppendWeights(StringBuilder text, int nameWidth, IReadOnlyList<TorchinfoColumn> columns, IReadOnlyList<WeightTensor> weights)
    {
        for (int k = 0; k < weights.Count; k++)
        {
            WeightTensor weight = weights[k];
            long[] shape = weight.Shape.Dimensions.ToArray();
            if (weight.Name == "weight" && shape.Length > 1)
            {
                (shape[0], shape[1]) = (shape[1], shape[0]);
            }

            string count = (k == weights.Count - 1 ? "└─" : "├─") + ShapeText.Thousands(weight.Count);
            string kernel = "[" + string.Join(", ", shape.Select(ShapeText.Plain)) + "]";
            text.Append(Row(nameWidth, "│    └─" + weight.Name, columns, c => c switch
            {
                TorchinfoColumn.NumParams => count,
                TorchinfoColumn.KernelSize => kernel,
                _ => string.Empty,
            }));
        }
    }

    private static string TrainableLabel(long parameters, long trainable) =>
        parameters == 0 ? Empty : trainable == 0 ? "False" : trainable == parameters ? "True" : "Partial";

    /// <summary>torchinfo's <c>params_percent</c>: <c>f"{share:>7.2%}"</c>, or <c>     --</c>.</summary>
    private static string Percent(long parameters, long total)
    {
        if (total == 0 || parameters == 0)
        {
            return "     " + Empty;
        }

        double percent = (double)parameters / total * 100;
        return (percent.ToString("F2", CultureInfo.InvariantCulture) + "%").PadLeft(7);
    }

    /// <summary>torchinfo's <c>format_output_num</c> with automatic units: <c>(M): 376.85</c>, <c>(G): 1.20</c>; a whole number prints without decimals.</summary>
    internal static string MultAddsText(long macs)
    {
        (string unit, double value) = macs >= 1e12 ? ("T", macs / 1e12) : macs >= 1e9 ? ("G", macs / 1e9) : ("M", macs / 1e6);
        string number = Math.Floor(value) == value
            ? value.ToString("N0", CultureInfo.InvariantCulture)
            : value.ToString("N2", CultureInfo.InvariantCulture);
        return "(" + unit + "): " + number;
    }

    internal static string Megabytes(long bytes) => (bytes / 1e6).ToString("F2", CultureInfo.InvariantCulture);
}
