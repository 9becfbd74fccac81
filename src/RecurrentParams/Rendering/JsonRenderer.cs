using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RecurrentParams.Rendering;

/// <summary>Writes a summary as indented camelCase JSON with the source-generated <see cref="SummaryJsonContext"/> (schema: <c>docs/summary-json-schema.md</c>).</summary>
/// <remarks>Unknown dimensions are <c>null</c>; text is not HTML-escaped (<c>×</c>, <c>·</c> and <c>+</c> stay readable); lines end with <c>\n</c> on every platform; no trailing newline.</remarks>
internal static class JsonRenderer
{
    /// <summary>The element types <c>parameterBytes</c> lists, in this order.</summary>
    private static readonly ElementType[] StorageTypes = [ElementType.Float32, ElementType.Float16, ElementType.BFloat16, ElementType.Int8, ElementType.Float64];

    public static string Render(ModelSummary summary)
    {
        var document = new SummaryJson(
            summary.Name,
            summary.Convention == Convention.Torch ? "pytorch" : "keras",
            summary.Input is { } input ? Dimensions(input) : null,
            Dimensions(summary.Output),
            Name(summary.InputElementType),
            summary.Rows.Select(Layer).ToArray(),
            summary.TotalParams,
            summary.TrainableParams,
            summary.NonTrainableParams,
            summary.IsLowerBound,
            StorageTypes.ToDictionary(Name, summary.ParameterBytes),
            summary.MacsPerStep);

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonSerializer.Serialize(writer, document, SummaryJsonContext.Default.SummaryJson);
        }

        // Utf8JsonWriter indents with Environment.NewLine; JSON strings escape line breaks, so every raw CR LF is layout.
        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n");
    }

    /// <summary>The lower-case framework name of an element type: <c>float32</c>, <c>bfloat16</c>, <c>int64</c>.</summary>
    internal static string Name(ElementType type) => type switch
    {
        ElementType.Float32 => "float32",
        ElementType.Float16 => "float16",
        ElementType.BFloat16 => "bfloat16",
        ElementType.Int8 => "int8",
        ElementType.Float64 => "float64",
        ElementType.Int64 => "int64",
        ElementType.Int32 => "int32",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a defined ElementType."),
    };

    /// <summary>A shape's dimensions, or <see langword="null"/> for <see cref="OutputShape.Unknown"/>.</summary>
    private static long?[]? Dimensions(OutputShape shape) => shape.IsKnown ? shape.Dimensions.ToArray() : null;

    private static LayerJson Layer(LayerSummary row) => new(
        row.Name,
        row.ClassName,
        row.Outputs.Select(Dimensions).ToArray(),
        row.Params,
        row.TrainableParams,
        row.NonTrainableParams,
        row.MacsPerStep,
        row.Weights.Select(w => new WeightJson(w.Name, w.Path, w.Shape.Dimensions.ToArray(), w.Trainable)).ToArray(),
        row.Derivation?.ToString(),
        row.InboundNodes.Select(call => (IReadOnlyList<InboundJson>)call.Select(t => new InboundJson(t.Layer, t.NodeIndex, t.TensorIndex)).ToArray()).ToArray(),
        row.CountBasis switch
        {
            CountBasis.StoredWeights => "storedWeights",
            CountBasis.LowerBound => "lowerBound",
            _ => "configuration",
        },
        row.Trainable);
}
