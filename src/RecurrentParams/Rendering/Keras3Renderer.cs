using System;
using System.Linq;
using System.Text;

namespace RecurrentParams.Rendering;

/// <summary>Keras 3's <c>model.summary()</c> (<c>keras/src/utils/summary_utils.py</c> <c>print_summary</c>, rendered by rich) for a sequential-like model.</summary>
/// <remarks>
/// Column widths: <c>int(position × line_length)</c> differences for positions (0.45, 0.80, 1.0), each × 0.9 plus 1.0 with
/// <c>show_trainable</c>; default line length 88 (+12 with <c>show_trainable</c>), as on a terminal of at least 92 (104) columns.
/// The text ends with a newline, as the capture Keras hands to <c>print_fn</c>.
/// </remarks>
internal static class Keras3Renderer
{
    private static readonly double[] Positions = [0.45, 0.80, 1.0];

    public static string Render(ModelSummary summary, Keras3SummaryOptions options)
    {
        bool trainable = options.ShowTrainable;
        double[] positions = trainable ? Positions.Select(p => p * 0.90).Concat([1.0]).ToArray() : Positions;
        int lineLength = options.LineLength ?? (trainable ? 100 : 88);
        var widths = new int[positions.Length];
        int current = 0;
        for (int k = 0; k < positions.Length; k++)
        {
            widths[k] = (int)(positions[k] * lineLength) - current;
            if (widths[k] < 4)
            {
                throw new ArgumentException(
                    "Line length " + ShapeText.Plain(lineLength) + " leaves a column fewer than 4 characters (Keras: 'Insufficient console width to print summary.'); use a line length of at least 12, or 18 with ShowTrainable.",
                    nameof(options));
            }

            current += widths[k];
        }

        string[] header = trainable
            ? ["Layer (type)", "Output Shape", "Param #", "Trainable"]
            : ["Layer (type)", "Output Shape", "Param #"];
        Justify[] justify = trainable
            ? [Justify.Left, Justify.Left, Justify.Right, Justify.Center]
            : [Justify.Left, Justify.Left, Justify.Right];
        var rows = summary.Rows.Select(row =>
        {
            string[] fields = [row.Name + " (" + row.ClassName + ")", ShapeText.Keras3(row.Outputs), ShapeText.Thousands(row.Params)];
            return trainable ? [.. fields, TrainableMark(row)] : fields;
        });

        var text = new StringBuilder();
        text.Append("Model: \"").Append(summary.Name).Append("\"\n");
        try
        {
            RichTable.Render(lineLength, widths, justify, header, rows, text);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentException(e.Message, nameof(options), e);
        }

        long trainableBytes = checked(summary.TrainableParams * 4);
        long frozenBytes = checked(summary.NonTrainableParams * 4);
        Footer(text, "Total", summary.TotalParams, checked(trainableBytes + frozenBytes));
        Footer(text, "Trainable", summary.TrainableParams, trainableBytes);
        Footer(text, "Non-trainable", summary.NonTrainableParams, frozenBytes);
        return text.ToString();
    }

    /// <summary>Keras: <c>Y</c> for a trainable layer with weights, <c>N</c> for a frozen one, <c>-</c> without weights.</summary>
    private static string TrainableMark(LayerSummary row) =>
        row.Weights.Count == 0 ? "-" : row.TrainableParams > 0 ? "Y" : "N";

    private static void Footer(StringBuilder text, string label, long count, long bytes) =>
        text.Append(' ').Append(label).Append(" params: ").Append(ShapeText.Thousands(count))
            .Append(" (").Append(ModelSummary.FormatBytes(bytes)).Append(")\n");
}
