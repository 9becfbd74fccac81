using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace RecurrentParams.Import.Tests;

/// <summary>The framework-generated fixture files and the manifests that hold what the framework run reported.</summary>
internal static class Fixtures
{
    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, JsonElement>> Manifests = new();

    public static string PathOf(string folder, string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", folder, file);

    /// <summary>A row of the torchinfo tree vectors (the models whose state dicts are in <c>Fixtures/torch-trees</c>).</summary>
    public static JsonElement TreeVector(string id) =>
        File.ReadLines(PathOf("torch-trees", "torchinfo-trees.jsonl")).Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .Single(r => r.GetProperty("id").GetString() == id);

    public static byte[] Bytes(string folder, string file) => File.ReadAllBytes(PathOf(folder, file));

    /// <summary>The rows of <c>Fixtures/{folder}/manifest.json</c> (<c>models</c>) by id, or of keras3-models.jsonl / keras3-models-more.jsonl.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Manifest(string folder) =>
        Manifests.GetOrAdd(folder, static f =>
        {
            var rows = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            if (f is "keras3" or "keras3-more")
            {
                foreach (string line in File.ReadLines(PathOf(f, f == "keras3" ? "keras3-models.jsonl" : "keras3-models-more.jsonl")).Where(l => l.Length > 0))
                {
                    JsonElement row = JsonDocument.Parse(line).RootElement.Clone();
                    rows.Add(row.GetProperty("id").GetString()!, row);
                }

                return rows;
            }

            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(PathOf(f, "manifest.json")));
            foreach (JsonElement row in document.RootElement.GetProperty("models").EnumerateArray())
            {
                rows.Add(row.GetProperty("id").GetString()!, row.Clone());
            }

            return rows;
        });

    public static TheoryData<string> Ids(string folder, Func<JsonElement, bool>? select = null)
    {
        var data = new TheoryData<string>();
        foreach (KeyValuePair<string, JsonElement> row in Manifest(folder).Where(r => select?.Invoke(r.Value) ?? true))
        {
            data.Add(row.Key);
        }

        return data;
    }

    public static long Long(this JsonElement element, string name) => element.GetProperty(name).GetInt64();

    public static string? Str(this JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static string[] Strings(this JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    /// <summary>A framework's output shape as Keras prints it; several shapes when the layer returns several tensors.</summary>
    public static string[] Shapes(JsonElement shape) =>
        shape.GetArrayLength() > 0 && shape[0].ValueKind == JsonValueKind.Array
            ? shape.EnumerateArray().Select(Shape).ToArray()
            : [Shape(shape)];

    public static string Shape(JsonElement shape) =>
        new OutputShape(shape.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Null ? (long?)null : d.GetInt64()).ToArray()).ToString();
}
