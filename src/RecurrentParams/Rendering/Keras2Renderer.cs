using System.Linq;
using System.Text;

namespace RecurrentParams.Rendering;

/// <summary>Standalone Keras 2 / tf.keras ≤ 2.12 <c>model.summary()</c> (Keras 2.2.4 <c>keras/utils/layer_utils.py</c> <c>print_summary</c>).</summary>
/// <remarks>
/// Line length 65, column ends at <c>int(65 × (0.45, 0.85, 1.0))</c> = 29, 55, 65; a model that branches (Keras' test, as
/// for Keras 3) gets a "Connected to" column: line length 98, ends at <c>int(98 × (0.33, 0.55, 0.67, 1.0))</c> = 32, 53,
/// 65, 98, the row's first connection on its line and each further one on a line of its own, an input's cell empty. A
/// field is cut at its column's end and the character before the next field is forced to a space; lines keep their
/// trailing spaces. Row counts print plainly, the totals with thousands separators (<c>{:,}</c>). No model name line
/// (Keras 2.1–2.2 print none).
/// </remarks>
internal static class Keras2Renderer
{
    private static readonly int[] Positions = [29, 55, 65];
    private static readonly int[] GraphPositions = [32, 53, 65, 98];

    public static string Render(ModelSummary summary)
    {
        bool graph = summary.Branches;
        int[] positions = graph ? GraphPositions : Positions;
        int lineLength = positions[^1];
        var text = new StringBuilder();
        text.Append('_', lineLength).Append('\n');
        Row(text, positions, graph ? ["Layer (type)", "Output Shape", "Param #", "Connected to"] : ["Layer (type)", "Output Shape", "Param #"]);
        text.Append('=', lineLength).Append('\n');
        for (int k = 0; k < summary.Rows.Count; k++)
        {
            LayerSummary row = summary.Rows[k];
            string name = row.Name + " (" + row.ClassName + ")";
            string shape = ShapeText.Keras2(row.Outputs);
            string count = ShapeText.Count(row, ShapeText.Plain);
            if (graph)
            {
                string[] connections = ShapeText.Connections(row).ToArray();
                Row(text, positions, [name, shape, count, connections.Length == 0 ? string.Empty : connections[0]]);
                foreach (string further in connections.Skip(1))
                {
                    Row(text, positions, [string.Empty, string.Empty, string.Empty, further]);
                }
            }
            else
            {
                Row(text, positions, [name, shape, count]);
            }

            text.Append(k == summary.Rows.Count - 1 ? '=' : '_', lineLength).Append('\n');
        }

        string bound = ShapeText.Bound(summary);
        string? note = ShapeText.BoundNote(summary);
        text.Append("Total params: ").Append(bound).Append(ShapeText.Thousands(summary.TotalParams)).Append(note is null ? string.Empty : " (" + note + ")").Append('\n');
        text.Append("Trainable params: ").Append(bound).Append(ShapeText.Thousands(summary.TrainableParams)).Append('\n');
        text.Append("Non-trainable params: ").Append(bound).Append(ShapeText.Thousands(summary.NonTrainableParams)).Append('\n');
        foreach (string line in ShapeText.Notes(summary))
        {
            text.Append(line).Append('\n');
        }

        text.Append('_', lineLength);
        return text.ToString();
    }

    /// <summary>Keras' <c>print_row</c>: each field cut at its column's end, the character before the next field forced to a space.</summary>
    private static void Row(StringBuilder text, int[] positions, string[] fields)
    {
        var line = new StringBuilder();
        for (int k = 0; k < fields.Length; k++)
        {
            if (k > 0)
            {
                line[line.Length - 1] = ' ';
            }

            line.Append(fields[k]);
            if (line.Length > positions[k])
            {
                line.Length = positions[k];
            }

            line.Append(' ', positions[k] - line.Length);
        }

        text.Append(line).Append('\n');
    }
}
