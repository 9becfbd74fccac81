using System.Text;

namespace RecurrentParams.Rendering;

/// <summary>Standalone Keras 2 / tf.keras ≤ 2.12 <c>model.summary()</c> (Keras 2.3.1 <c>keras/utils/layer_utils.py</c> <c>print_summary</c>) for a sequential-like model.</summary>
/// <remarks>
/// Line length 65, column ends at <c>int(65 × (0.45, 0.85, 1.0))</c> = 29, 55, 65. A field is cut at its column's end and
/// the character before the next field is forced to a space; lines keep their trailing spaces. Row counts print plainly,
/// the totals with thousands separators (<c>{:,}</c>). No model name line (Keras 2.1–2.3 print none).
/// </remarks>
internal static class Keras2Renderer
{
    private const int LineLength = 65;
    private static readonly int[] Positions = [29, 55, 65];

    public static string Render(ModelSummary summary)
    {
        var text = new StringBuilder();
        text.Append('_', LineLength).Append('\n');
        Row(text, "Layer (type)", "Output Shape", "Param #");
        text.Append('=', LineLength).Append('\n');
        for (int k = 0; k < summary.Rows.Count; k++)
        {
            LayerSummary row = summary.Rows[k];
            Row(text, row.Name + " (" + row.ClassName + ")", ShapeText.PythonTuples(row.Outputs), ShapeText.Plain(row.Params));
            text.Append(k == summary.Rows.Count - 1 ? '=' : '_', LineLength).Append('\n');
        }

        text.Append("Total params: ").Append(ShapeText.Thousands(summary.TotalParams)).Append('\n');
        text.Append("Trainable params: ").Append(ShapeText.Thousands(summary.TrainableParams)).Append('\n');
        text.Append("Non-trainable params: ").Append(ShapeText.Thousands(summary.NonTrainableParams)).Append('\n');
        text.Append('_', LineLength);
        return text.ToString();
    }

    /// <summary>Keras' <c>print_row</c>: each field cut at its column's end, the character before the next field forced to a space.</summary>
    private static void Row(StringBuilder text, params string[] fields)
    {
        var line = new StringBuilder();
        for (int k = 0; k < fields.Length; k++)
        {
            if (k > 0)
            {
                line[line.Length - 1] = ' ';
            }

            line.Append(fields[k]);
            if (line.Length > Positions[k])
            {
                line.Length = Positions[k];
            }

            line.Append(' ', Positions[k] - line.Length);
        }

        text.Append(line).Append('\n');
    }
}
