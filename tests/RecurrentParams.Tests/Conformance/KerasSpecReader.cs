using System;
using System.Linq;
using System.Text.Json;
using RecurrentParams.Keras;

namespace RecurrentParams.Tests.Conformance;

/// <summary>Turns a vector's Keras layer description (<c>{layer, config, inner}</c>, snake_case config) into a library layer.</summary>
internal static class KerasSpecReader
{
    /// <summary>Layers the vectors hold that the library does not model (yet); their rows are skipped, and counted.</summary>
    public static readonly string[] Unsupported = ["MultiHeadAttention", "Concatenate", "InputLayer"];

    public static bool IsSupported(JsonElement node) =>
        !Unsupported.Contains(node.String("layer")) && (!node.TryGetProperty("inner", out JsonElement inner) || inner.ValueKind != JsonValueKind.Object || IsSupported(inner));

    public static bool IsSupportedOrInput(JsonElement node) => node.String("layer") == "InputLayer" || IsSupported(node);

    public static KerasLayer Read(JsonElement node, bool gruResetAfterDefault, string? name = null)
    {
        string layer = node.String("layer")!;
        JsonElement c = node.GetProperty("config");
        switch (layer)
        {
            case "SimpleRNN" or "LSTM" or "GRU":
                return new Recurrent(
                    new CellType(layer),
                    c.Int("units")!.Value,
                    c.Bool("return_sequences") ?? false,
                    c.Bool("return_state") ?? false,
                    c.Bool("use_bias") ?? true,
                    layer != "GRU" || (c.Bool("reset_after") ?? gruResetAfterDefault),
                    name);
            case "RNN":
                return new Rnn(
                    node.GetProperty("cells").EnumerateArray().Select(cell =>
                    {
                        JsonElement cc = cell.GetProperty("config");
                        string type = cell.String("layer")!;
                        type = type[..^"Cell".Length];
                        return new RecurrentCell(new CellType(type), cc.Int("units")!.Value, cc.Bool("use_bias") ?? true, type != "GRU" || (cc.Bool("reset_after") ?? gruResetAfterDefault));
                    }),
                    c.Bool("return_sequences") ?? false,
                    c.Bool("return_state") ?? false,
                    name);
            case "Bidirectional":
                return new Bidirectional((Recurrent)Read(node.GetProperty("inner"), gruResetAfterDefault), MergeModeOf(c), name);
            case "TimeDistributed":
                return new TimeDistributed(Read(node.GetProperty("inner"), gruResetAfterDefault), name);
            case "Dense":
                return new Dense(c.Int("units")!.Value, c.Bool("use_bias") ?? true, name);
            case "Embedding":
                return new Embedding(c.Int("input_dim")!.Value, c.Int("output_dim")!.Value, name);
            case "Conv1D":
                return new Conv1D(c.Int("filters")!.Value, First(c, "kernel_size") ?? 1, First(c, "strides") ?? 1, PaddingOf(c), c.Bool("use_bias") ?? true, name);
            case "BatchNormalization":
                return new BatchNormalization(c.Bool("center") ?? true, c.Bool("scale") ?? true, First(c, "axis") ?? -1, name);
            case "LayerNormalization":
                return new LayerNormalization(c.Bool("center") ?? true, c.Bool("scale") ?? true, All(c, "axis"), name);
            case "ConvLSTM2D":
                int[] kernel = Pair(c, "kernel_size");
                int[] strides = c.TryGetProperty("strides", out _) ? Pair(c, "strides") : [1, 1];
                return new ConvLstm2D(c.Int("filters")!.Value, kernel[0], kernel[1], PaddingOf(c), c.Bool("return_sequences") ?? false, c.Bool("use_bias") ?? true, strides[0], strides[1], name);
            case "Dropout":
                return new Dropout(c.GetProperty("rate").GetDouble(), name);
            case "Flatten":
                return new Flatten(name);
            case "RepeatVector":
                return new RepeatVector(c.Int("n")!.Value, name);
            case "GlobalAveragePooling1D":
                return new GlobalAveragePooling1D(name);
            case "MaxPooling1D":
                return new MaxPooling1D(First(c, "pool_size") ?? 2, First(c, "strides"), PaddingOf(c), name);
            default:
                throw new NotSupportedException("layer " + layer);
        }
    }

    public static OutputShape Shape(JsonElement shape) =>
        new(shape.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Null ? (long?)null : d.GetInt64()).ToArray());

    /// <summary>A vector's output shape: one shape, or a list of shapes when the layer returns several tensors.</summary>
    public static OutputShape[] Shapes(JsonElement shape) =>
        shape.GetArrayLength() > 0 && shape[0].ValueKind == JsonValueKind.Array
            ? shape.EnumerateArray().Select(Shape).ToArray()
            : [Shape(shape)];

    private static MergeMode MergeModeOf(JsonElement c) =>
        !c.TryGetProperty("merge_mode", out JsonElement mode) || mode.ValueKind == JsonValueKind.Null
            ? (c.TryGetProperty("merge_mode", out _) ? MergeMode.None : MergeMode.Concat)
            : mode.GetString() switch
            {
                "concat" => MergeMode.Concat,
                "sum" => MergeMode.Sum,
                "mul" => MergeMode.Mul,
                "ave" => MergeMode.Ave,
                var other => throw new NotSupportedException("merge_mode " + other),
            };

    private static Padding PaddingOf(JsonElement c) => c.String("padding") switch
    {
        null or "valid" => Padding.Valid,
        "same" => Padding.Same,
        "causal" => Padding.Causal,
        var other => throw new NotSupportedException("padding " + other),
    };

    private static int? First(JsonElement c, string name) =>
        !c.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Array ? value[0].GetInt32() : value.GetInt32();

    private static int[]? All(JsonElement c, string name) =>
        !c.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => v.GetInt32()).ToArray() : [value.GetInt32()];

    private static int[] Pair(JsonElement c, string name)
    {
        JsonElement value = c.GetProperty(name);
        return value.ValueKind == JsonValueKind.Array ? [value[0].GetInt32(), value[1].GetInt32()] : [value.GetInt32(), value.GetInt32()];
    }
}
