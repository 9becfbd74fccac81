using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using RecurrentParams.Formulas;
using RecurrentParams.Keras;
using RecurrentParams.Porting;
using Xunit;

namespace RecurrentParams.Tests.Porting;

/// <summary>
/// One case of tools/oracles/porting/generate.py: the same model in real Keras 3 and real PyTorch with one set of weights,
/// the inputs, and both frameworks' outputs; with the model as this library's builders describe it in each framework.
/// </summary>
public sealed class PortingCase
{
    private PortingCase(string id, JsonElement root)
    {
        Id = id;
        Origin = root.GetProperty("origin").GetString()!;
        if (root.TryGetProperty("tokens", out JsonElement tokens))
        {
            Tokens = tokens.EnumerateArray().Select(s => s.EnumerateArray().Select(t => t.GetInt32()).ToArray()).ToArray();
        }
        else
        {
            Inputs = root.GetProperty("inputs").EnumerateArray()
                .Select(s => s.EnumerateArray().Select(t => t.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray()).ToArray();
        }

        KerasOutput = Outputs(root.GetProperty("keras_output"));
        TorchOutput = Outputs(root.GetProperty("torch_output"));
        KerasWeights = Tensors(root.GetProperty("keras_weights"));
        TorchWeights = Tensors(root.GetProperty("torch_weights"));
        KerasModel = BuildKeras(id);
        TorchModel = BuildTorch(id);
    }

    public static IEnumerable<string> Ids { get; } =
    [
        "keras-simplernn-dense", "keras-lstm-last-dense", "keras-gru-dense", "keras-bilstm-dense", "keras-emb-bigru-dense",
        "torch-stacked-gru", "torch-emb-stacked-bilstm", "torch-rnn-last", "torch-lstm-nobias",
    ];

    public static TheoryData<string> All => new(Ids);

    public string Id { get; }

    public string Origin { get; }

    public int[][]? Tokens { get; }

    public double[][][]? Inputs { get; }

    public int BatchSize => Tokens?.Length ?? Inputs!.Length;

    public double[][][] KerasOutput { get; }

    public double[][][] TorchOutput { get; }

    public IReadOnlyList<NamedTensor> KerasWeights { get; }

    public IReadOnlyList<NamedTensor> TorchWeights { get; }

    public ModelSummary KerasModel { get; }

    public ModelSummary TorchModel { get; }

    public static PortingCase Load(string id)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Vectors", "porting", id + ".json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return new PortingCase(id, document.RootElement.Clone());
    }

    /// <summary>Runs the reference pass on one batch item of the case's input.</summary>
    public double[][] Run(ModelSummary model, IEnumerable<NamedTensor> weights, int item) =>
        Tokens is not null ? ReferenceForward.Run(model, weights, Tokens[item]) : ReferenceForward.Run(model, weights, Inputs![item]);

    /// <summary>The largest absolute difference between two outputs of one batch item.</summary>
    public static double MaxAbsDiff(double[][] actual, double[][] expected)
    {
        if (actual.Length != expected.Length || actual.Zip(expected, (a, e) => a.Length != e.Length).Any(d => d))
        {
            return double.PositiveInfinity;
        }

        return actual.Zip(expected, (a, e) => a.Zip(e, (x, y) => Math.Abs(x - y)).Max()).Max();
    }

    private static double[][][] Outputs(JsonElement element) =>
        element.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.Array && item[0].ValueKind == JsonValueKind.Array
            ? item.EnumerateArray().Select(step => step.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray()
            : [item.EnumerateArray().Select(v => v.GetDouble()).ToArray()]).ToArray();

    private static NamedTensor[] Tensors(JsonElement element) =>
        element.EnumerateObject().Select(p => new NamedTensor(
            p.Name,
            new TensorShape(p.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray()),
            p.Value.GetProperty("values").EnumerateArray().Select(v => v.GetSingle()).ToArray())).ToArray();

    private static ModelSummary BuildKeras(string id)
    {
        var b = new KerasModelBuilder("model");
        return id switch
        {
            "keras-simplernn-dense" => b.Input(null, 5).SimpleRnn(4, returnSequences: true, name: "rnn").Dense(3, name: "head").Build(),
            "keras-lstm-last-dense" => b.Input(null, 5).Lstm(4, name: "lstm").Dense(2, name: "dense").Build(),
            "keras-gru-dense" => b.Input(null, 5).Gru(4, returnSequences: true, name: "gru").Dense(3, name: "dense").Build(),
            "keras-bilstm-dense" => b.Input(null, 5).Bidirectional(new Recurrent(CellType.Lstm, 4, returnSequences: true), name: "bidirectional").Dense(3, name: "dense").Build(),
            "keras-emb-bigru-dense" => b.TokenInput(null).Embedding(12, 6, name: "embedding").Bidirectional(new Recurrent(CellType.Gru, 4, returnSequences: true), name: "bidirectional").Dense(2, name: "dense").Build(),
            "torch-stacked-gru" => b.Input(null, 5).Gru(4, returnSequences: true, name: "gru_l0").Gru(4, returnSequences: true, name: "gru_l1").Dense(3, name: "head").Build(),
            "torch-emb-stacked-bilstm" => b.TokenInput(null).Embedding(20, 6, name: "embedding")
                .Bidirectional(new Recurrent(CellType.Lstm, 5, returnSequences: true), name: "lstm_l0")
                .Bidirectional(new Recurrent(CellType.Lstm, 5, returnSequences: true), name: "lstm_l1").Dense(3, name: "fc").Build(),
            "torch-rnn-last" => b.Input(null, 3).SimpleRnn(6, name: "rnn").Dense(2, name: "fc").Build(),
            "torch-lstm-nobias" => b.Input(null, 4).Lstm(3, returnSequences: true, useBias: false, name: "lstm").Dense(2, useBias: false, name: "fc").Build(),
            _ => throw new ArgumentOutOfRangeException(nameof(id), id, "unknown case"),
        };
    }

    private static ModelSummary BuildTorch(string id)
    {
        var b = new TorchModelBuilder("Net");
        return id switch
        {
            "keras-simplernn-dense" => b.Input(2, 6, 5).Rnn(4, batchFirst: true, name: "rnn").Linear(3, name: "head").Build(),
            "keras-lstm-last-dense" => b.Input(2, 6, 5).Lstm(4, batchFirst: true, name: "lstm").TakeLastTimeStep().Linear(2, name: "dense").Build(),
            "keras-gru-dense" => b.Input(2, 6, 5).Gru(4, batchFirst: true, name: "gru").Linear(3, name: "dense").Build(),
            "keras-bilstm-dense" => b.Input(2, 6, 5).Lstm(4, bidirectional: true, batchFirst: true, name: "bidirectional").Linear(3, name: "dense").Build(),
            "keras-emb-bigru-dense" => b.Input(ElementType.Int64, 2, 6).Embedding(12, 6, name: "embedding").Gru(4, bidirectional: true, batchFirst: true, name: "bidirectional").Linear(2, name: "dense").Build(),
            "torch-stacked-gru" => b.Input(2, 6, 5).Gru(4, numLayers: 2, batchFirst: true, name: "gru").Linear(3, name: "head").Build(),
            "torch-emb-stacked-bilstm" => b.Input(ElementType.Int64, 2, 6).Embedding(20, 6, name: "embedding").Lstm(5, numLayers: 2, bidirectional: true, batchFirst: true, name: "lstm").Linear(3, name: "fc").Build(),
            "torch-rnn-last" => b.Input(2, 6, 3).Rnn(6, batchFirst: true, name: "rnn").TakeLastTimeStep().Linear(2, name: "fc").Build(),
            "torch-lstm-nobias" => b.Input(2, 6, 4).Lstm(3, bias: false, batchFirst: true, name: "lstm").Linear(2, bias: false, name: "fc").Build(),
            _ => throw new ArgumentOutOfRangeException(nameof(id), id, "unknown case"),
        };
    }
}
