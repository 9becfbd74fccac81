using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RecurrentParams.Rendering;

/// <summary>Keras 3's <c>model.summary()</c> (<c>keras/src/utils/summary_utils.py</c> <c>print_summary</c>, rendered by rich).</summary>
/// <remarks>
/// Column widths: <c>int(position × line_length)</c> differences for positions (0.45, 0.80, 1.0), or (0.3, 0.56, 0.74, 1.0)
/// with a "Connected to" column when the model branches; each × 0.9 plus 1.0 with <c>show_trainable</c>. Default line
/// length 88, or 108 when the model branches (+12 with <c>show_trainable</c>), as on a terminal wide enough. A row's
/// connections are all its calls' tensors joined by ", ", or "-" without any. The text ends with a newline, as the capture
/// Keras hands to <c>print_fn</c>.
/// </remarks>
internal static class Keras3Renderer
{
    private static readonly double[] Positions = [0.45, 0.80, 1.0];
    private static readonly double[] GraphPositions = [0.3, 0.56, 0.74, 1.0];

    public static string Render(ModelSummary summary, Keras3SummaryOptions options)
    {
        bool trainable = options.ShowTrainable;
        bool graph = summary.Branches;
        double[] positions = graph ? GraphPositions : Positions;
        positions = trainable ? positions.Select(p => p * 0.90).Concat([1.0]).ToArray() : positions;
        int lineLength = options.LineLength ?? ((graph ? 108 : 88) + (trainable ? 12 : 0));
        int[] widths = Layout(positions, lineLength) ?? throw new ArgumentException(
            "Line length " + ShapeText.Plain(lineLength) + " is too short for this table: Keras needs every column at least 4 characters wide ('Insufficient console width to print summary.') and rich a character of text besides its padding; use a line length of at least "
            + ShapeText.Plain(Enumerable.Range(1, 1000).First(length => Layout(positions, length) is not null)) + ".",
            nameof(options));

        var header = new List<string> { "Layer (type)", "Output Shape", "Param #" };
        var justify = new List<Justify> { Justify.Left, Justify.Left, Justify.Right };
        if (graph)
        {
            header.Add("Connected to");
            justify.Add(Justify.Left);
        }

        if (trainable)
        {
            header.Add("Trainable");
            justify.Add(Justify.Center);
        }

        var rows = summary.Rows.Select(row =>
        {
            var fields = new List<string> { row.Name + " (" + row.ClassName + ")", ShapeText.Keras3(row.Outputs), ShapeText.Count(row, ShapeText.Thousands) };
            if (graph)
            {
                fields.Add(ShapeText.ConnectedTo(row));
            }

            if (trainable)
            {
                fields.Add(TrainableMark(row));
            }

            return fields.ToArray();
        });

        var text = new StringBuilder();
        text.Append("Model: \"").Append(summary.Name).Append("\"\n");
        RichTable.Render(widths, justify.ToArray(), header.ToArray(), rows, text);

        long trainableBytes = checked(summary.TrainableParams * 4);
        long frozenBytes = checked(summary.NonTrainableParams * 4);
        string bound = ShapeText.Bound(summary);
        Footer(text, "Total", bound, summary.TotalParams, checked(trainableBytes + frozenBytes), ShapeText.BoundNote(summary));
        Footer(text, "Trainable", bound, summary.TrainableParams, trainableBytes, null);
        Footer(text, "Non-trainable", bound, summary.NonTrainableParams, frozenBytes, null);
        foreach (string note in ShapeText.Notes(summary))
        {
            text.Append(' ').Append(note).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Keras' column widths, <c>int(position × line_length)</c> differences, as rich lays them out with padding; <see langword="null"/> when one does not fit.</summary>
    private static int[]? Layout(double[] positions, int lineLength)
    {
        var widths = new int[positions.Length];
        int current = 0;
        for (int k = 0; k < positions.Length; k++)
        {
            widths[k] = (int)(positions[k] * lineLength) - current;
            if (widths[k] < 4)
            {
                return null;
            }

            current += widths[k];
        }

        return RichTable.TryColumnWidths(lineLength, widths);
    }

    /// <summary>Keras: <c>Y</c> for a trainable layer with weights, <c>N</c> for a frozen one (<see cref="LayerSummary.Trainable"/>), <c>-</c> without weights; <c>?</c> for a layer not counted.</summary>
    private static string TrainableMark(LayerSummary row) =>
        row.CountBasis == CountBasis.LowerBound && row.Weights.Count == 0 ? "?" : row.Weights.Count == 0 ? "-" : row.Trainable ? "Y" : "N";

    private static void Footer(StringBuilder text, string label, string bound, long count, long bytes, string? note) =>
        text.Append(' ').Append(label).Append(" params: ").Append(bound).Append(ShapeText.Thousands(count))
            .Append(" (").Append(ByteSize.Format(bytes)).Append(note is null ? string.Empty : "; " + note).Append(")\n");
}
