using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using FluentAssertions;
using RecurrentParams.Formulas;
using Xunit;

namespace RecurrentParams.Tests.Conformance;

/// <summary>
/// Every recurrent layer the frameworks built (Keras 3.16, TensorFlow.js 4.22, PyTorch) is rebuilt through the public
/// API and must report the same count and the same weight tensors, names and shapes in the same order.
/// </summary>
public sealed class RecurrentLayerConformanceTests
{
    private const string Keras3 = "keras3-layers.jsonl";
    private const string Tfjs = "tfjs-layers.jsonl";
    private const string Torch = "torch-layers.jsonl";

    private static readonly string[] KerasRecurrent = ["SimpleRNN", "LSTM", "GRU"];
    private static readonly string[] TorchRecurrent = ["RNN", "LSTM", "GRU", "RNNCell", "LSTMCell", "GRUCell"];

    public static TheoryData<string> Keras3Ids => VectorFile.Ids(Keras3, IsKerasRecurrent);

    public static TheoryData<string> TfjsIds => VectorFile.Ids(Tfjs, row => IsKerasRecurrent(row) && !row.HasError());

    public static TheoryData<string> TorchIds => VectorFile.Ids(Torch, row => TorchRecurrent.Contains(row.String("module")));

    [Fact]
    public void Vectors_AreNumerousEnough()
    {
        int total = Keras3Ids.Cast<object[]>().Count() + TfjsIds.Cast<object[]>().Count() + TorchIds.Cast<object[]>().Count();

        total.Should().BeGreaterThan(700, "the conformance suite checks hundreds of framework-generated recurrent layers");
    }

    [Theory]
    [MemberData(nameof(Keras3Ids))]
    public void Keras3Layer_MatchesKeras(string id)
    {
        JsonElement row = VectorFile.Load(Keras3)[id];
        LayerSpec spec = KerasSpec(row, gruDefaultResetAfter: true);

        AssertLayer(id, row, spec, ExpectedWeight.FromKeras3(row.GetProperty("weights")), comparePaths: true);
    }

    [Theory]
    [MemberData(nameof(TfjsIds))]
    public void TfjsLayer_MatchesTensorFlowJs(string id)
    {
        JsonElement row = VectorFile.Load(Tfjs)[id];
        LayerSpec spec = KerasSpec(row, gruDefaultResetAfter: false);

        AssertLayer(id, row, spec, ExpectedWeight.FromTfjs(row.GetProperty("weights")), comparePaths: false);
    }

    [Theory]
    [MemberData(nameof(TorchIds))]
    public void TorchModule_MatchesPyTorch(string id)
    {
        JsonElement row = VectorFile.Load(Torch)[id];
        LayerSpec spec = TorchSpec(row);

        AssertLayer(id, row, spec, ExpectedWeight.FromTorch(row.GetProperty("weights")), comparePaths: false);
    }

    [Fact]
    public void TfjsGruResetAfterTrue_IsRecordedAsUnsupported()
    {
        // TensorFlow.js cannot build the Keras 3 default; its truth comes from the Keras 3 vectors instead.
        IEnumerable<JsonElement> errors = VectorFile.Load(Tfjs).Values
            .Where(r => r.String("layer") == "GRU" && r.HasError());

        errors.Should().NotBeEmpty()
            .And.OnlyContain(r => r.GetProperty("error").GetString()!.Contains("reset_after", StringComparison.Ordinal));
    }

    private static bool IsKerasRecurrent(JsonElement row)
    {
        string? layer = row.String("layer");
        if (layer == "Bidirectional")
        {
            layer = row.GetProperty("inner").String("layer");
        }

        return KerasRecurrent.Contains(layer);
    }

    private static LayerSpec KerasSpec(JsonElement row, bool gruDefaultResetAfter)
    {
        bool bidirectional = row.String("layer") == "Bidirectional";
        JsonElement layer = bidirectional ? row.GetProperty("inner") : row;
        JsonElement config = layer.GetProperty("config");
        string cell = layer.String("layer")!;
        JsonElement inputShape = row.GetProperty("inputShape");

        return new LayerSpec(new CellType(cell), config.Int("units")!.Value, inputShape[inputShape.GetArrayLength() - 1].GetInt32())
        {
            UseBias = config.Bool("use_bias") ?? true,
            ResetAfter = cell != "GRU" || (config.Bool("reset_after") ?? gruDefaultResetAfter),
            Bidirectional = bidirectional,
        };
    }

    private static LayerSpec TorchSpec(JsonElement row)
    {
        JsonElement config = row.GetProperty("config");
        int inputSize = config.Int("input_size")!.Value;
        int hiddenSize = config.Int("hidden_size")!.Value;
        bool bias = config.Bool("bias") ?? true;
        int numLayers = config.Int("num_layers") ?? 1;
        bool bidirectional = config.Bool("bidirectional") ?? false;

        return row.String("module") switch
        {
            "RNN" => LayerSpec.Torch.Rnn(inputSize, hiddenSize, numLayers, bias, bidirectional),
            "LSTM" => LayerSpec.Torch.Lstm(inputSize, hiddenSize, numLayers, bias, bidirectional, config.Int("proj_size") ?? 0),
            "GRU" => LayerSpec.Torch.Gru(inputSize, hiddenSize, numLayers, bias, bidirectional),
            "RNNCell" => LayerSpec.Torch.RnnCell(inputSize, hiddenSize, bias),
            "LSTMCell" => LayerSpec.Torch.LstmCell(inputSize, hiddenSize, bias),
            "GRUCell" => LayerSpec.Torch.GruCell(inputSize, hiddenSize, bias),
            var other => throw new InvalidOperationException($"vector {row.String("id")}: unexpected module {other}"),
        };
    }

    private static void AssertLayer(string id, JsonElement row, LayerSpec spec, IReadOnlyList<ExpectedWeight> expected, bool comparePaths)
    {
        long framework = row.GetProperty("params").GetInt64();
        long count = Params.Count(spec);
        count.Should().Be(framework, "vector {0}: {1} reports {2} parameters, RecurrentParams {3}", id, row.String("framework"), framework, count);

        IReadOnlyList<WeightTensor> weights = Params.Weights(spec);
        IReadOnlyList<ExpectedWeight> actual = weights
            .Select(w => new ExpectedWeight(w.Name, comparePaths ? w.Path : null, w.Shape.Dimensions.ToArray()))
            .ToArray();
        actual.Select(w => w.ToString()).Should().Equal(expected.Select(w => w.ToString()), "vector {0}: weight tensors in the framework's order", id);
        weights.Should().OnlyContain(w => w.Trainable, "vector {0}: recurrent weights are trainable", id);
        Params.Explain(spec).Total.Should().Be(framework, "vector {0}: the derivation adds up to the framework's count", id);
    }
}
