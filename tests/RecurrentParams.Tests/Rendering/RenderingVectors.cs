using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using RecurrentParams.Formulas;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Rendering;

/// <summary>Loads the Keras 3 and torchinfo model vectors and rebuilds their models through <see cref="ModelBuilder"/>.</summary>
internal static class RenderingVectors
{
    public const string Keras3File = "keras3-models.jsonl";
    public const string TorchinfoFile = "torchinfo-models.jsonl";

    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, JsonElement>> Files = new();

    public static IReadOnlyDictionary<string, JsonElement> Load(string fileName) =>
        Files.GetOrAdd(fileName, static name =>
        {
            var rows = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (string line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Vectors", name)).Where(l => l.Length > 0))
            {
                JsonElement row = JsonDocument.Parse(line).RootElement.Clone();
                rows.Add(row.GetProperty("id").GetString()!, row);
            }

            return rows;
        });

    /// <summary>The Keras 3 models the builder makes: every sequential or Functional chain (the builder makes no branching graph; the import tests render that one from its to_json()).</summary>
    public static TheoryData<string> Keras3Ids() =>
        Ids(Load(Keras3File).Where(r => r.Value.GetProperty("kind").GetString() != "branching").Select(r => r.Key));

    /// <summary>The torchinfo models the builder can express.</summary>
    public static TheoryData<string> TorchinfoIds() =>
        Ids(Load(TorchinfoFile).Where(r => TorchinfoSkipReason(r.Value) is null).Select(r => r.Key));


    /// <summary>Why the builder cannot express a torchinfo model, or <see langword="null"/> when it can.</summary>
    public static string? TorchinfoSkipReason(JsonElement row)
    {
        JsonElement spec = row.GetProperty("spec");
        string kind = spec.GetProperty("kind").GetString()!;

        return kind switch
        {
            "bare" => "a bare module: torchinfo shows the LSTM itself as the depth-0 leaf, a builder model is always a container",
            "sequential-nested" => "nested containers (Sequential in Sequential, depth 2)",
            "SharedGRU" => "one GRU called twice ((recursive) row)",
            "PackedLSTM" => "a PackedSequence (output shape of the packed data)",
            _ => null,
        };
    }

    public static ModelSummary BuildKeras3(JsonElement row)
    {
        string id = row.GetProperty("id").GetString()!;
        var builder = new KerasModelBuilder(id);
        long?[] input = row.GetProperty("inputShape").EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Null ? (long?)null : d.GetInt64()).ToArray();
        int? steps = input[1] is long t ? (int)t : null;
        if (row.GetProperty("kind").GetString() == "functional")
        {
            builder.InputLayer(steps, (int)input[2]!.Value, name: "inputs");
        }
        else if (input.Length == 2)
        {
            builder.TokenInput(steps);
        }
        else
        {
            builder.Input(steps, (int)input[2]!.Value);
        }

        foreach (JsonElement layer in row.GetProperty("spec").EnumerateArray())
        {
            builder.Add(KerasLayer(layer));
        }

        return builder.Build();
    }

    public static ModelSummary BuildTorch(JsonElement row)
    {
        JsonElement spec = row.GetProperty("spec");
        string kind = spec.GetProperty("kind").GetString()!;
        JsonElement inputSpec = spec.GetProperty("input");
        int[] size = inputSpec.GetProperty("size").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        ElementType dtype = inputSpec.GetProperty("dtype").GetString() == "int64" ? ElementType.Int64 : ElementType.Float32;
        var builder = new TorchModelBuilder(row.GetProperty("modelClass").GetString()!).Input(dtype, size);
        if (kind == "LSTMNet")
        {
            // torchinfo's own LSTMNet: Embedding -> LSTM(batch_first) -> Linear; forward returns out.view(-1, vocab).
            JsonElement a = spec.GetProperty("args");
            int vocab = a.GetProperty("vocab_size").GetInt32();
            ModelSummary built = builder
                .Add(new RecurrentParams.Torch.Embedding(vocab, a.GetProperty("embed_dim").GetInt32()))
                .Add(new RecurrentParams.Torch.Recurrent(CellType.Lstm, a.GetProperty("hidden_dim").GetInt32(), numLayers: a.GetProperty("num_layers").GetInt32(), batchFirst: true))
                .Add(new RecurrentParams.Torch.Linear(vocab))
                .Build();
            long steps = built.Output.Dimensions.Take(built.Output.Rank - 1).Aggregate(1L, (p, d) => p * d!.Value);
            return new ModelSummary(built.Name, built.Convention, built.Input, built.Rows)
            {
                Output = new OutputShape(steps, vocab),
                InputElementType = built.InputElementType,
            };
        }

        bool last = kind == "recurrent-only" || Head(spec) == "last";
        foreach (JsonElement layer in spec.GetProperty("layers").EnumerateArray())
        {
            string type = layer.GetProperty("type").GetString()!;
            JsonElement args = layer.GetProperty("args");
            builder.Add(TorchLayer(type, args));
            if (spec.TryGetProperty("freeze", out JsonElement freeze)
                && freeze.EnumerateArray().Any(p => p.GetString()!.StartsWith(layer.GetProperty("name").GetString() + ".", StringComparison.Ordinal)))
            {
                builder.Freeze();
            }

            if (last && type is "RNN" or "LSTM" or "GRU")
            {
                builder.TakeLastTimeStep(batchFirst: args.TryGetProperty("batch_first", out JsonElement b) && b.GetBoolean());
            }
        }

        return builder.Build();
    }

    /// <summary>torchinfo's text with the Python 3.11 enum bug line replaced by the intended one.</summary>
    public static string Canonical(JsonElement row, string field)
    {
        string text = row.GetProperty(field).GetString()!;
        string canonical = row.GetProperty("multAddsLineCanonical").GetString()!;
        return string.Join("\n", text.Split('\n').Select(l => l.StartsWith("Total mult-adds (Units.", StringComparison.Ordinal) ? canonical : l));
    }


    private static string? Head(JsonElement spec) =>
        spec.TryGetProperty("head", out JsonElement head) ? head.GetString() : null;


    private static RecurrentParams.Torch.TorchModule TorchLayer(string type, JsonElement a)
    {
        bool Flag(string name, bool fallback) => a.TryGetProperty(name, out JsonElement v) ? v.GetBoolean() : fallback;
        int Int(string name, int fallback) => a.TryGetProperty(name, out JsonElement v) ? v.GetInt32() : fallback;
        return type switch
        {
            "Embedding" => new RecurrentParams.Torch.Embedding(Int("num_embeddings", 0), Int("embedding_dim", 0)),
            "RNN" or "LSTM" or "GRU" => new RecurrentParams.Torch.Recurrent(
                type == "RNN" ? CellType.SimpleRnn : new CellType(type),
                Int("hidden_size", 0),
                numLayers: Int("num_layers", 1),
                bias: Flag("bias", true),
                bidirectional: Flag("bidirectional", false),
                projSize: Int("proj_size", 0),
                batchFirst: Flag("batch_first", false)),
            "Linear" => new RecurrentParams.Torch.Linear(Int("out_features", 0), bias: Flag("bias", true)),
            "LayerNorm" => new RecurrentParams.Torch.LayerNorm(),
            "Dropout" => new RecurrentParams.Torch.Dropout(a.GetProperty("p").GetDouble()),
            "SelectItem" => new SelectItem(),
            _ => throw new NotSupportedException("torch layer " + type),
        };
    }

    private static RecurrentParams.Keras.KerasLayer KerasLayer(JsonElement node)
    {
        string layer = node.GetProperty("layer").GetString()!;
        JsonElement c = node.GetProperty("config");
        bool Flag(string name, bool fallback) => c.TryGetProperty(name, out JsonElement v) ? v.GetBoolean() : fallback;
        int Int(string name) => c.GetProperty(name).GetInt32();
        return layer switch
        {
            "SimpleRNN" or "LSTM" or "GRU" => new Recurrent(
                new CellType(layer), Int("units"), Flag("return_sequences", false), Flag("return_state", false), Flag("use_bias", true), layer != "GRU" || Flag("reset_after", true)),
            "Bidirectional" => new Bidirectional((Recurrent)KerasLayer(node.GetProperty("inner")), c.TryGetProperty("merge_mode", out JsonElement m) ? MergeModeOf(m.GetString()) : MergeMode.Concat),
            "TimeDistributed" => new TimeDistributed(KerasLayer(node.GetProperty("inner"))),
            "Dense" => new Dense(Int("units"), Flag("use_bias", true)),
            "Embedding" => new Embedding(Int("input_dim"), Int("output_dim")),
            "BatchNormalization" => new BatchNormalization(Flag("center", true), Flag("scale", true)),
            _ => throw new NotSupportedException("keras layer " + layer),
        };
    }

    private static MergeMode MergeModeOf(string? mode) => mode switch
    {
        "concat" => MergeMode.Concat,
        "sum" => MergeMode.Sum,
        "mul" => MergeMode.Mul,
        "ave" => MergeMode.Ave,
        null => MergeMode.None,
        _ => throw new NotSupportedException("merge_mode " + mode),
    };

    private static TheoryData<string> Ids(IEnumerable<string> ids)
    {
        var data = new TheoryData<string>();
        foreach (string id in ids)
        {
            data.Add(id);
        }

        return data;
    }

    /// <summary>torchinfo's test module <c>SelectItem(index)</c>: picks one tensor of a tuple (the RNN output of <c>(output, h_n)</c>); no parameters. A user-defined layer through the public extension point.</summary>
    private sealed class SelectItem : RecurrentParams.Torch.TorchModule
    {
        public SelectItem()
            : base("SelectItem", null)
        {
        }

        public override LayerResult Build(LayerContext context) => new(new[] { context.Input }, Array.Empty<WeightTensor>());
    }
}
