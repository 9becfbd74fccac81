using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace RecurrentParams.Tests.Conformance;

/// <summary>A weight as a framework listed it: name, optional path inside the layer, shape.</summary>
internal sealed record ExpectedWeight(string Name, string? Path, long[] Shape)
{
    public override string ToString() => $"{Path ?? Name} ({string.Join(", ", Shape)})";

    /// <summary>Keras 3 paths start with the layer's own name (lstm/lstm_cell/kernel); the library's paths are relative to the layer.</summary>
    public static IReadOnlyList<ExpectedWeight> FromKeras3(JsonElement weights) =>
        weights.EnumerateArray()
            .Select(w =>
            {
                string path = w.GetProperty("path").GetString()!;
                return new ExpectedWeight(w.GetProperty("name").GetString()!, path[(path.IndexOf('/') + 1)..], w.GetProperty("shape").Shape());
            })
            .ToArray();

    /// <summary>TensorFlow.js names carry a global counter (lstm_LSTM1/kernel), so only the variable name is compared.</summary>
    public static IReadOnlyList<ExpectedWeight> FromTfjs(JsonElement weights) =>
        weights.EnumerateArray()
            .Select(w => new ExpectedWeight(w.GetProperty("name").GetString()!, null, w.GetProperty("shape").Shape()))
            .ToArray();

    /// <summary>PyTorch's named_parameters() names are the library's names.</summary>
    public static IReadOnlyList<ExpectedWeight> FromTorch(JsonElement weights) =>
        weights.EnumerateArray()
            .Select(w => new ExpectedWeight(w.GetProperty("name").GetString()!, null, w.GetProperty("shape").Shape()))
            .ToArray();
}
