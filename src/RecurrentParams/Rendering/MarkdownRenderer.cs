using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RecurrentParams.Rendering;

/// <summary>A GitHub-flavoured Markdown rendering: one table, then the totals as a list.</summary>
/// <remarks>
/// <para>Keras models: the line <c>Model: "name"</c>, a table <c>Layer (type) | Output Shape | Param #</c> (+ <c>Trainable</c>,
/// the trainable count of each row, when the model has non-trainable parameters), shapes as Python tuples, and the totals
/// with Keras 3's sizes (<c>- Total params: 2,507 (9.79 KB)</c>). A model that branches gets Keras 3's <c>Connected to</c>
/// column before <c>Trainable</c>.</para>
/// <para>PyTorch models: torchinfo's headings (<c>Layer (type:depth-idx) | Output Shape | Param #</c>, + <c>Trainable</c>
/// with torchinfo's <c>True</c>/<c>False</c>/<c>Partial</c>/<c>--</c> when some parameters are frozen), torchinfo's rows
/// down to its default depth 3 (the model first, a module tree's containers with their depth prefix), shapes as lists,
/// and torchinfo's totals, mult-adds and sizes.</para>
/// <para>Numbers are right-aligned with thousands separators; cells are padded so the source reads as a table too; the
/// characters <c>\ | * ` &lt;</c> in names are escaped. Lines are joined with <c>\n</c>; no trailing newline.</para>
/// </remarks>
internal static class MarkdownRenderer
{
    public static string Render(ModelSummary summary)
    {
        var text = new StringBuilder();
        bool frozen = summary.NonTrainableParams > 0;
        var table = new List<string[]>();
        bool[] right;
        if (summary.Convention == Convention.Torch)
        {
            right = frozen ? [false, false, true, false] : [false, false, true];
            table.Add(frozen ? ["Layer (type:depth-idx)", "Output Shape", "Param #", "Trainable"] : ["Layer (type:depth-idx)", "Output Shape", "Param #"]);
            const int depth = 3;
            foreach (TorchinfoStatistics.Layer layer in TorchinfoStatistics.Of(summary).Layers.Where(l => l.Row.Depth <= depth))
            {
                table.Add(Cells(
                    frozen,
                    Escape(TorchinfoRenderer.Start(layer.Row.Depth, ascii: false) + TorchinfoRenderer.Title(layer, varNames: false, showDepth: true)),
                    layer.Executed ? layer.Row.OutputShape.ToListString() : "--",
                    TorchinfoRenderer.NumParams(layer, layer.Row.Depth == depth),
                    TorchinfoRenderer.TrainableLabel(layer.Params, layer.Trainable)));
            }
        }
        else
        {
            text.Append("Model: \"").Append(Escape(summary.Name)).Append("\"\n\n");
            bool graph = summary.Branches;
            var header = new List<string> { "Layer (type)", "Output Shape", "Param #" };
            var alignRight = new List<bool> { false, false, true };
            if (graph)
            {
                header.Add("Connected to");
                alignRight.Add(false);
            }

            if (frozen)
            {
                header.Add("Trainable");
                alignRight.Add(true);
            }

            right = alignRight.ToArray();
            table.Add(header.ToArray());
            foreach (LayerSummary row in summary.Rows)
            {
                var cells = new List<string> { Escape(row.Name + " (" + row.ClassName + ")"), ShapeText.PythonTuples(row.Outputs), Escape(ShapeText.Count(row, ShapeText.Thousands)) };
                if (graph)
                {
                    cells.Add(Escape(ShapeText.ConnectedTo(row)));
                }

                if (frozen)
                {
                    cells.Add(ShapeText.Thousands(row.TrainableParams));
                }

                table.Add(cells.ToArray());
            }
        }

        AppendTable(text, table, right);
        text.Append('\n');
        if (summary.Convention == Convention.Torch)
        {
            AppendTorchTotals(text, summary);
        }
        else
        {
            string bound = ShapeText.Bound(summary);
            string? note = ShapeText.BoundNote(summary);
            text.Append("\n- Total params: ").Append(bound).Append(Sized(summary.TotalParams, note));
            text.Append("\n- Trainable params: ").Append(bound).Append(Sized(summary.TrainableParams, null));
            text.Append("\n- Non-trainable params: ").Append(bound).Append(Sized(summary.NonTrainableParams, null));
        }

        foreach (string line in ShapeText.Notes(summary))
        {
            text.Append("\n- ").Append(Escape(line));
        }

        return text.ToString();
    }

    private static string[] Cells(bool withTrainable, string name, string shape, string count, string trainable) =>
        withTrainable ? [name, shape, count, trainable] : [name, shape, count];

    private static string Sized(long count, string? note) =>
        ShapeText.Thousands(count) + " (" + ByteSize.Format(checked(count * 4)) + (note is null ? string.Empty : "; " + note) + ")";

    private static void AppendTorchTotals(StringBuilder text, ModelSummary summary)
    {
        TorchinfoStatistics stats = TorchinfoStatistics.Of(summary);
        text.Append("\n- Total params: ").Append(ShapeText.Thousands(summary.TotalParams));
        text.Append("\n- Trainable params: ").Append(ShapeText.Thousands(summary.TrainableParams));
        text.Append("\n- Non-trainable params: ").Append(ShapeText.Thousands(summary.NonTrainableParams));
        if (stats.InputBytes is long input)
        {
            text.Append("\n- Total mult-adds ").Append(TorchinfoRenderer.MultAddsText(stats.TotalMacs));
            text.Append("\n- Input size (MB): ").Append(TorchinfoRenderer.Megabytes(input));
            text.Append("\n- Forward/backward pass size (MB): ").Append(TorchinfoRenderer.Megabytes(stats.ForwardBackwardBytes));
            text.Append("\n- Params size (MB): ").Append(TorchinfoRenderer.Megabytes(stats.ParamBytes));
            text.Append("\n- Estimated Total Size (MB): ").Append(TorchinfoRenderer.Megabytes(checked(input + stats.ForwardBackwardBytes + stats.ParamBytes)));
        }
    }

    private static void AppendTable(StringBuilder text, List<string[]> table, bool[] right)
    {
        int[] widths = Enumerable.Range(0, right.Length).Select(c => Math.Max(3, table.Max(r => r[c].Length))).ToArray();
        AppendLine(text, table[0], widths, right);
        text.Append("\n|");
        for (int c = 0; c < widths.Length; c++)
        {
            text.Append(' ').Append(right[c] ? new string('-', widths[c] - 1) + ":" : ":" + new string('-', widths[c] - 1)).Append(" |");
        }

        foreach (string[] row in table.Skip(1))
        {
            text.Append('\n');
            AppendLine(text, row, widths, right);
        }
    }

    private static void AppendLine(StringBuilder text, string[] cells, int[] widths, bool[] right)
    {
        text.Append('|');
        for (int c = 0; c < cells.Length; c++)
        {
            text.Append(' ').Append(right[c] ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c])).Append(" |");
        }
    }

    private static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (c is '\\' or '|' or '*' or '`' or '<')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
