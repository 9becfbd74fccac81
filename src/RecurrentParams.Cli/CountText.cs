using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using RecurrentParams.Formulas;

namespace RecurrentParams.Cli;

/// <summary>Writes a <see cref="CountResult"/>: its derivation and weight table (<c>--explain</c>) or its JSON (<c>--json</c>).</summary>
internal static class CountText
{
    /// <summary>Writes the derivation: the library's for one layer; for a Keras stack, each layer's under its name, then the total.</summary>
    /// <param name="result">The count.</param>
    /// <returns>The derivation, each line ending with <c>\n</c>.</returns>
    public static string Derivation(CountResult result)
    {
        if (result.Layers.Count == 1)
        {
            return result.Layers[0].Explain() + "\n";
        }

        var text = new StringBuilder();
        text.Append(result.Layers.Count).Append(" stacked ").Append(result.Request.Kind.KerasClass)
            .Append(" layers, each returning sequences to the next: ").Append(result.Total).Append(" parameters\n");
        foreach (CountedLayer layer in result.Layers)
        {
            text.Append("  ").Append(layer.Name).Append(": ")
                .Append(layer.Explain().ToString().Replace("\n", "\n    ", System.StringComparison.Ordinal)).Append('\n');
        }

        text.Append("  total: ").AppendJoin(" + ", result.Layers.Select(l => l.Params)).Append(" = ").Append(result.Total).Append('\n');
        return text.ToString();
    }

    /// <summary>Writes the weight tensors as a table: name (Keras path or PyTorch name), shape as the framework prints it, count; then the total.</summary>
    /// <param name="result">The count.</param>
    /// <returns>The table.</returns>
    public static string WeightTable(CountResult result)
    {
        var table = new TextTable("Weight", "Shape", ">Params");
        foreach (CountedLayer layer in result.Layers)
        {
            foreach (WeightTensor weight in layer.Weights())
            {
                table.Add(layer.PathPrefix + weight.Path, layer.ShapeText(weight.Shape), Numbers.Grouped(weight.Count));
            }
        }

        table.Add("Total", string.Empty, Numbers.Grouped(result.Total));
        return table.ToText(colour: false);
    }

    /// <summary>Writes <c>count --explain</c>: the derivation, a blank line, the weight table.</summary>
    /// <param name="result">The count.</param>
    /// <returns>The text.</returns>
    public static string Explanation(CountResult result) => Derivation(result) + "\n" + WeightTable(result);

    /// <summary>Writes the count as a JSON object: the request, <c>totalParams</c>, <c>parameterBytes</c> and the layers with the schema's weight objects and derivations.</summary>
    /// <param name="writer">The writer, positioned where a value goes.</param>
    /// <param name="result">The count.</param>
    public static void WriteJson(Utf8JsonWriter writer, CountResult result)
    {
        CellRequest request = result.Request;
        writer.WriteStartObject();
        writer.WriteString("convention", result.Convention == Convention.Torch ? "pytorch" : "keras");
        writer.WriteString("cell", request.Kind.Name);
        writer.WriteNumber("units", request.Units);
        writer.WriteNumber("inputSize", request.InputSize);
        writer.WriteNumber("numLayers", request.Layers);
        writer.WriteBoolean("bidirectional", request.Bidirectional);
        writer.WriteNumber("projSize", request.ProjSize);
        writer.WriteBoolean("useBias", request.UseBias);
        writer.WriteBoolean("resetAfter", request.ResetAfter);
        writer.WriteNumber("totalParams", result.Total);
        JsonOut.WriteParameterBytes(writer, result.Total);
        writer.WriteStartArray("layers");
        foreach (CountedLayer layer in result.Layers)
        {
            writer.WriteStartObject();
            writer.WriteString("name", layer.Name);
            writer.WriteString("class", layer.ClassName);
            writer.WriteNumber("inputSize", layer.Spec.InputSize);
            writer.WriteNumber("params", layer.Params);
            writer.WriteStartArray("weights");
            foreach (WeightTensor weight in layer.Weights())
            {
                JsonOut.WriteWeight(writer, weight, layer.PathPrefix);
            }

            writer.WriteEndArray();
            writer.WriteString("derivation", layer.Explain().ToString());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Sums the parameters of the weights whose names say they play a role.</summary>
    /// <param name="result">The count.</param>
    /// <returns>Input kernels, recurrent kernels, biases and projections.</returns>
    public static (long Input, long Recurrent, long Bias, long Projection) ByRole(CountResult result)
    {
        long input = 0, recurrent = 0, bias = 0, projection = 0;
        foreach (WeightTensor weight in result.Layers.SelectMany(l => l.Weights()))
        {
            string name = weight.Name;
            if (name.StartsWith("bias", System.StringComparison.Ordinal))
            {
                bias = checked(bias + weight.Count);
            }
            else if (name.StartsWith("weight_hr", System.StringComparison.Ordinal))
            {
                projection = checked(projection + weight.Count);
            }
            else if (name.StartsWith("recurrent", System.StringComparison.Ordinal) || name.StartsWith("weight_hh", System.StringComparison.Ordinal))
            {
                recurrent = checked(recurrent + weight.Count);
            }
            else
            {
                input = checked(input + weight.Count);
            }
        }

        return (input, recurrent, bias, projection);
    }

    /// <summary>Lists a count's weights on one line, <c>name shape</c> separated by commas.</summary>
    /// <param name="result">The count.</param>
    /// <returns>The list.</returns>
    public static IEnumerable<string> WeightList(CountResult result) =>
        result.Layers.SelectMany(l => l.Weights().Select(w => l.PathPrefix + w.Path + " " + l.ShapeText(w.Shape)));
}
