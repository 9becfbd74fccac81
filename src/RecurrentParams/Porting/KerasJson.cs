using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using RecurrentParams.Internal;

namespace RecurrentParams.Porting;

/// <summary>Writes a Keras model as Keras 3's <c>model.to_json()</c> does, for <c>keras.models.model_from_json</c>: the model a converted <c>*.weights.h5</c> loads into.</summary>
/// <remarks>
/// A <c>Sequential</c> model of the layers a weight map converts: <c>InputLayer</c>, <c>Embedding</c>, <c>SimpleRNN</c>,
/// <c>LSTM</c>, <c>GRU</c> (<c>reset_after=True</c>), <c>Bidirectional</c> (<c>merge_mode="concat"</c>), <c>Dense</c> (linear) and
/// <c>Dropout</c>, each with the options that shape its weights and outputs; everything else is Keras' default (tanh and
/// sigmoid activations, as PyTorch's modules have). The <c>build_config</c> lets Keras build the model, and so create its
/// weights, as it loads. Checked by loading the JSON and the converted weights in real Keras 3 (<c>tools/oracles/porting</c>).
/// </remarks>
public static class KerasJson
{
    /// <summary>Writes a Keras-convention model (e.g. <see cref="WeightMap.TargetModel"/> of a PyTorch model's map) as Keras JSON.</summary>
    /// <param name="model">The model: a <see cref="Convention.Keras"/> summary of the layers listed in the remarks.</param>
    /// <returns>The JSON, indented, with <c>\n</c> line ends.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The model is in the PyTorch convention, has no input, or has a layer this writer does not write; the message names it.</exception>
    public static string Write(ModelSummary model)
    {
        Guard.NotNull(model, nameof(model));
        if (model.Convention != Convention.Keras || model.Input is not { } input)
        {
            Guard.ThrowArgument(nameof(model), "'model' must be a Keras model with an input; got " + (model.Convention == Convention.Keras ? "a model without an input" : "a PyTorch model") + ".");
            return string.Empty;
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("module", "keras");
            writer.WriteString("class_name", "Sequential");
            writer.WriteStartObject("config");
            writer.WriteString("name", model.Name);
            writer.WriteBoolean("trainable", true);
            writer.WriteString("dtype", "float32");
            writer.WriteStartArray("layers");
            bool tokens = input.Rank == 2;
            Layer(writer, "InputLayer", model.Rows.FirstOrDefault(r => r.ClassName == "InputLayer")?.Name ?? "input_layer", w =>
            {
                Shape(w, "batch_shape", input);
                w.WriteString("dtype", tokens ? "int32" : "float32");
            });
            foreach (LayerSummary row in model.Rows.Where(r => r.ClassName != "InputLayer"))
            {
                WriteRow(writer, row);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteNull("registered_name");
            writer.WriteStartObject("build_config");
            Shape(writer, "input_shape", input);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n");
    }

    private static void WriteRow(Utf8JsonWriter writer, LayerSummary row)
    {
        if (row.ClassName == "Dropout")
        {
            Layer(writer, "Dropout", row.Name, w => w.WriteNumber("rate", 0.5));
            return;
        }

        PortableLayer layer = PortableLayer.Read(row, Convention.Keras);
        switch (layer.Kind)
        {
            case PortableKind.Embedding:
                Layer(writer, "Embedding", row.Name, w =>
                {
                    w.WriteNumber("input_dim", layer.InputSize);
                    w.WriteNumber("output_dim", layer.OutputSize);
                });
                break;
            case PortableKind.Dense:
                Layer(writer, "Dense", row.Name, w =>
                {
                    w.WriteNumber("units", layer.OutputSize);
                    w.WriteString("activation", "linear");
                    w.WriteBoolean("use_bias", layer.UseBias);
                });
                break;
            case PortableKind.Recurrent:
                LayerSpec spec = layer.Spec!;
                bool sequences = row.OutputShape.Rank == 3;
                if (!spec.Bidirectional)
                {
                    Recurrent(writer, spec, row.Name, sequences);
                    break;
                }

                if (row.OutputShape[row.OutputShape.Rank - 1] != 2L * spec.Units)
                {
                    Guard.ThrowArgument("model", "Layer '" + row.Name + "' merges its directions other than by concatenation; the writer writes merge_mode=\"concat\" only.");
                }

                Layer(writer, "Bidirectional", row.Name, w =>
                {
                    w.WriteString("merge_mode", "concat");
                    w.WritePropertyName("layer");
                    Recurrent(w, spec, KerasNaming.ToSnakeCase(spec.CellType.Name), sequences);
                });
                break;
            default:
                Guard.ThrowArgument("model", "Layer '" + row.Name + "' (" + row.ClassName + ") is not one the Keras JSON writer writes: " + layer.Reason + ".");
                break;
        }
    }

    private static void Recurrent(Utf8JsonWriter writer, LayerSpec spec, string name, bool sequences) =>
        Layer(writer, spec.CellType.Name, name, w =>
        {
            w.WriteNumber("units", spec.Units);
            w.WriteString("activation", "tanh");
            if (spec.CellType != CellType.SimpleRnn)
            {
                w.WriteString("recurrent_activation", "sigmoid");
            }

            w.WriteBoolean("use_bias", spec.UseBias);
            if (spec.CellType == CellType.Gru)
            {
                w.WriteBoolean("reset_after", spec.ResetAfter);
            }

            w.WriteBoolean("return_sequences", sequences);
        });

    private static void Layer(Utf8JsonWriter writer, string className, string name, Action<Utf8JsonWriter> config)
    {
        writer.WriteStartObject();
        writer.WriteString("module", "keras.layers");
        writer.WriteString("class_name", className);
        writer.WriteStartObject("config");
        writer.WriteString("name", name);
        config(writer);
        writer.WriteEndObject();
        writer.WriteNull("registered_name");
        writer.WriteEndObject();
    }

    private static void Shape(Utf8JsonWriter writer, string property, OutputShape shape)
    {
        writer.WriteStartArray(property);
        for (int k = 0; k < shape.Rank; k++)
        {
            if (shape[k] is long dimension)
            {
                writer.WriteNumberValue(dimension);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        writer.WriteEndArray();
    }
}
