using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace RecurrentParams.Rendering;

/// <summary>The JSON document of a model summary (schema: <c>docs/summary-json-schema.md</c>).</summary>
internal sealed record SummaryJson(
    string Name,
    string Convention,
    long?[]? Input,
    long?[]? Output,
    string InputElementType,
    IReadOnlyList<LayerJson> Layers,
    long TotalParams,
    long TrainableParams,
    long NonTrainableParams,
    bool IsLowerBound,
    IReadOnlyDictionary<string, long> ParameterBytes,
    long MacsPerStep);

/// <summary>One layer of <see cref="SummaryJson"/>.</summary>
internal sealed record LayerJson(
    string Name,
    [property: JsonPropertyName("class")] string ClassName,
    IReadOnlyList<long?[]?> Outputs,
    long Params,
    long Trainable,
    long NonTrainable,
    long MacsPerStep,
    IReadOnlyList<WeightJson> Weights,
    string? Derivation,
    IReadOnlyList<IReadOnlyList<InboundJson>> InboundNodes,
    string CountBasis,
    bool LayerTrainable);

/// <summary>One weight tensor of <see cref="LayerJson"/>.</summary>
internal sealed record WeightJson(string Name, string Path, long[] Shape, bool Trainable);

/// <summary>One tensor of a call in <see cref="LayerJson"/>.</summary>
internal sealed record InboundJson(string Layer, int NodeIndex, int TensorIndex);

/// <summary>The source-generated (trim- and AOT-safe) serializer of <see cref="SummaryJson"/>.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(SummaryJson))]
internal sealed partial class SummaryJsonContext : JsonSerializerContext
{
}
