using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace RecurrentParams.Tests.Conformance;

/// <summary>Loads the framework-generated JSON Lines vectors once per file and serves rows by id.</summary>
internal static class VectorFile
{
    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, JsonElement>> Files = new();

    public static IReadOnlyDictionary<string, JsonElement> Load(string fileName) =>
        Files.GetOrAdd(fileName, static name =>
        {
            string path = Path.Combine(AppContext.BaseDirectory, "Vectors", name);
            var rows = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (string line in File.ReadLines(path).Where(l => l.Length > 0))
            {
                JsonElement row = JsonDocument.Parse(line).RootElement.Clone();
                rows.Add(row.GetProperty("id").GetString()!, row);
            }

            return rows;
        });

    public static TheoryDataFor Ids(string fileName, Func<JsonElement, bool> select)
    {
        var data = new TheoryDataFor();
        foreach (KeyValuePair<string, JsonElement> row in Load(fileName).Where(r => select(r.Value)))
        {
            data.Add(row.Key);
        }

        return data;
    }

    public static string? String(this JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static bool? Bool(this JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    public static int? Int(this JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    public static long[] Shape(this JsonElement element) =>
        element.EnumerateArray().Select(d => d.GetInt64()).ToArray();

    public static bool HasError(this JsonElement row) => row.TryGetProperty("error", out _);

    /// <summary>xunit theory data of vector ids, so each vector is its own named test case.</summary>
    internal sealed class TheoryDataFor : Xunit.TheoryData<string>
    {
    }
}
