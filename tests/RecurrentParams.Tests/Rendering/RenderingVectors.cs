using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using RecurrentParams.Keras;
using RecurrentParams.Torch;
using Recurrent = RecurrentParams.Keras.Recurrent;
using Embedding = RecurrentParams.Keras.Embedding;
using Sequential = RecurrentParams.Torch.Sequential;
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

    /// <summary>The torchinfo models: every one, the builder expresses them all (bare modules, nested containers, a module called twice, packed sequences).</summary>
    public static TheoryData<string> TorchinfoIds() => Ids(Load(TorchinfoFile).Select(r => r.Key));

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
        string modelClass = row.GetProperty("modelClass").GetString()!;
        JsonElement[] layers = spec.TryGetProperty("layers", out JsonElement l) ? l.EnumerateArray().ToArray() : [];
        TorchModule? tree = kind switch
        {
            "bare" => TorchLayer(layers[0]),
            "sequential" => new Sequential(layers.Select(TorchLayer).ToArray()),
            "sequential-nested" => new Sequential(spec.GetProperty("groups").EnumerateArray().Select(g => (TorchModule)new Sequential(g.EnumerateArray().Select(TorchLayer).ToArray())).ToArray()),
            "LSTMNet" => LstmNet(spec.GetProperty("args")),
            "SharedGRU" => SharedGru(spec.GetProperty("args")),
            "PackedLSTM" => PackedLstm(spec.GetProperty("args")),
            _ => null,
        };
        if (tree is not null)
        {
            return new TorchModelBuilder(tree).Input(dtype, size).Build();
        }

        // recurrent-only and module: a stack of modules, with x[:, -1] (or x[-1]) after the recurrent one when the head is "last".
        var builder = new TorchModelBuilder(modelClass).Input(dtype, size);
        bool last = kind == "recurrent-only" || Head(spec) == "last";
        foreach (JsonElement layer in layers)
        {
            string type = layer.GetProperty("type").GetString()!;
            builder.Add(TorchLayer(layer), layer.GetProperty("name").GetString());
            if (spec.TryGetProperty("freeze", out JsonElement freeze)
                && freeze.EnumerateArray().Any(p => p.GetString()!.StartsWith(layer.GetProperty("name").GetString() + ".", StringComparison.Ordinal)))
            {
                builder.Freeze();
            }

            if (last && type is "RNN" or "LSTM" or "GRU")
            {
                JsonElement args = layer.GetProperty("args");
                builder.TakeLastTimeStep(batchFirst: args.TryGetProperty("batch_first", out JsonElement b) && b.GetBoolean());
            }
        }

        return builder.Build();
    }

    /// <summary>torchinfo's own test model <c>LSTMNet</c> (<c>tests/fixtures/models.py</c>): <c>out.view(-1, out.size(2))</c>, returning <c>(out, hidden)</c>.</summary>
    private static CustomModule LstmNet(JsonElement a)
    {
        int vocab = a.GetProperty("vocab_size").GetInt32();
        int embed = a.GetProperty("embed_dim").GetInt32();
        int hidden = a.GetProperty("hidden_dim").GetInt32();
        return new CustomModule(
            "LSTMNet",
            [("embedding", new RecurrentParams.Torch.Embedding(vocab, embed)),
             ("encoder", new RecurrentParams.Torch.Recurrent(CellType.Lstm, embed, hidden, numLayers: a.GetProperty("num_layers").GetInt32())),
             ("decoder", new RecurrentParams.Torch.Linear(hidden, vocab))],
            (self, x) =>
            {
                (Tensor output, Tensor state) = self.Call("encoder", self.Call("embedding", x));
                output = self.Call("decoder", output);
                return Tensor.Tuple(output.View(-1, output.Shape[2]), state);
            });
    }

    /// <summary>The generator's <c>SharedGRU</c>: one GRU called twice, then a Linear.</summary>
    private static CustomModule SharedGru(JsonElement a)
    {
        int size = a.GetProperty("size").GetInt32();
        return new CustomModule(
            "SharedGRU",
            [("gru", new RecurrentParams.Torch.Recurrent(CellType.Gru, size, size, batchFirst: true)), ("fc", new RecurrentParams.Torch.Linear(size, a.GetProperty("out_features").GetInt32()))],
            (self, x) => self.Call("fc", self.Call("gru", self.Call("gru", x).Item(0)).Item(0)));
    }

    /// <summary>The generator's <c>PackedLSTM</c>: Embedding, pack_padded_sequence with fixed lengths, LSTM, Linear on h_n[-1].</summary>
    private static CustomModule PackedLstm(JsonElement a)
    {
        int embed = a.GetProperty("embed_dim").GetInt32();
        int hidden = a.GetProperty("hidden_size").GetInt32();
        long[] lengths = a.GetProperty("lengths").EnumerateArray().Select(d => d.GetInt64()).ToArray();
        return new CustomModule(
            "PackedLSTM",
            [("embedding", new RecurrentParams.Torch.Embedding(a.GetProperty("vocab").GetInt32(), embed)),
             ("lstm", new RecurrentParams.Torch.Recurrent(CellType.Lstm, embed, hidden, batchFirst: true)),
             ("fc", new RecurrentParams.Torch.Linear(hidden, a.GetProperty("out_features").GetInt32()))],
            (self, x) =>
            {
                Tensor packed = Tensor.PackPaddedSequence(self.Call("embedding", x), lengths, batchFirst: true, enforceSorted: false);
                (_, Tensor state) = self.Call("lstm", packed);
                return self.Call("fc", state.Item(0).Select(0, -1));
            });
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


    private static TorchModule TorchLayer(JsonElement layer)
    {
        string type = layer.GetProperty("type").GetString()!;
        JsonElement a = layer.GetProperty("args");
        bool Flag(string name, bool fallback) => a.TryGetProperty(name, out JsonElement v) ? v.GetBoolean() : fallback;
        int Int(string name, int fallback) => a.TryGetProperty(name, out JsonElement v) ? v.GetInt32() : fallback;
        return type switch
        {
            "Embedding" => new RecurrentParams.Torch.Embedding(Int("num_embeddings", 0), Int("embedding_dim", 0)),
            "RNN" or "LSTM" or "GRU" => new RecurrentParams.Torch.Recurrent(
                type == "RNN" ? CellType.SimpleRnn : new CellType(type),
                Int("input_size", 0),
                Int("hidden_size", 0),
                numLayers: Int("num_layers", 1),
                bias: Flag("bias", true),
                batchFirst: Flag("batch_first", false),
                dropout: a.TryGetProperty("dropout", out JsonElement d) ? d.GetDouble() : 0,
                bidirectional: Flag("bidirectional", false),
                projSize: Int("proj_size", 0)),
            "Linear" => new RecurrentParams.Torch.Linear(Int("in_features", 0), Int("out_features", 0), bias: Flag("bias", true)),
            "LayerNorm" => new RecurrentParams.Torch.LayerNorm(a.GetProperty("normalized_shape").EnumerateArray().Select(x => x.GetInt32()).ToArray()),
            "Dropout" => new RecurrentParams.Torch.Dropout(a.GetProperty("p").GetDouble()),
            "SelectItem" => new CustomModule("SelectItem", forward: (_, x) => x.Item(Int("index", 0))),
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
}
