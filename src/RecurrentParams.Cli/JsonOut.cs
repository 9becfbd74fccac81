using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using RecurrentParams.Formulas;

namespace RecurrentParams.Cli;

/// <summary>
/// Writes the tool's JSON with <see cref="Utf8JsonWriter"/> (no reflection: trim- and AOT-safe), formatted as the
/// library's JSON renderer formats summaries (docs/summary-json-schema.md): two-space indentation, <c>\n</c> line ends,
/// text not HTML-escaped, every property present, <c>null</c> for what is unknown.
/// </summary>
internal static class JsonOut
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    /// <summary>Writes one JSON document.</summary>
    /// <param name="write">Writes the value.</param>
    /// <returns>The document, ending with <c>\n</c>.</returns>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n";
    }

    /// <summary>Writes a JSON document the library rendered (a summary) as a value, re-indented to its place.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="json">The library's JSON text.</param>
    public static void WriteRendered(Utf8JsonWriter writer, string json)
    {
        using var document = JsonDocument.Parse(json);
        document.RootElement.WriteTo(writer);
    }

    /// <summary>Writes <c>parameterBytes</c> as the summary schema does: the bytes for each storage type, in its key order.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="parameters">The parameter count.</param>
    public static void WriteParameterBytes(Utf8JsonWriter writer, long parameters)
    {
        writer.WriteStartObject("parameterBytes");
        foreach (KeyValuePair<string, ElementType> type in Budget.ElementTypes)
        {
            long? bytes = new Budget(null, null, type.Value).Bytes(parameters);
            if (bytes is long b)
            {
                writer.WriteNumber(type.Key, b);
            }
            else
            {
                writer.WriteNull(type.Key);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes a weight object of the summary schema: <c>name</c>, <c>path</c>, <c>shape</c>, <c>trainable</c>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="weight">The weight tensor.</param>
    /// <param name="pathPrefix">Put before the path (a stacked Keras layer's name and a slash), or empty.</param>
    public static void WriteWeight(Utf8JsonWriter writer, WeightTensor weight, string pathPrefix)
    {
        writer.WriteStartObject();
        writer.WriteString("name", weight.Name);
        writer.WriteString("path", pathPrefix + weight.Path);
        writer.WriteStartArray("shape");
        foreach (long dimension in weight.Shape.Dimensions)
        {
            writer.WriteNumberValue(dimension);
        }

        writer.WriteEndArray();
        writer.WriteBoolean("trainable", weight.Trainable);
        writer.WriteEndObject();
    }

    /// <summary>Writes the camel-cased name of an enum value (<c>KerasJson</c> → <c>kerasJson</c>).</summary>
    /// <param name="name">The value's name.</param>
    /// <returns>The camel-cased name.</returns>
    public static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
