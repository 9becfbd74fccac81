using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using FluentAssertions;
using RecurrentParams.Import.Onnx;
using RecurrentParams.Import.Onnx.Protos;
using Google.Protobuf;
using Xunit;

namespace RecurrentParams.Import.Tests.Onnx;

/// <summary>
/// <see cref="OnnxRecurrentNode"/> from <see cref="OnnxWeights.ReadRecurrentNodes"/>: the modules torch's exports map to,
/// and the refusals of the graphs <c>tools/oracles/files/onnx_weights_files.py</c> built with the onnx helper API.
/// </summary>
public sealed class OnnxRecurrentNodeTests
{
    private const string Folder = "onnx-weights";

    [Theory]
    [InlineData("lstm-peepholes", "*peepholes (input P, 'lstm_P')*")]
    [InlineData("gru-linear-before-reset-0", "*linear_before_reset=0*")]
    [InlineData("lstm-reverse", "*direction='reverse'*")]
    [InlineData("gru-activations", "*activations [Sigmoid, Relu] are not the defaults [Sigmoid, Tanh]*")]
    [InlineData("lstm-clip", "*clip*")]
    [InlineData("lstm-input-forget", "*input_forget=1*")]
    [InlineData("rnn-fed-weights", "*W ('W_fed') is not an initializer*")]
    public void Refusal_NoExactPyTorchModule_SaysWhy(string id, string reason)
    {
        OnnxRecurrentNode node = OnnxWeights.ReadRecurrentNodesFile(Fixtures.PathOf(Folder, "refused-" + id + ".onnx")).Single();

        node.Refusal.Should().Match(reason);
        node.Map.Should().BeNull();
        node.ToString().Should().Be(node.Name + ": ONNX " + node.OpType + " refused: " + node.Refusal);
        JsonElement truth = Fixtures.Manifest(Folder)["refused-" + id + ".onnx"];
        node.OpType.Should().Be(truth.GetProperty("op").GetString());
        node.Refusal.Should().Contain(truth.GetProperty("refusal").GetString());
    }

    [Fact]
    public void Spec_RefusedNodeWithShapedWeights_IsStillTheModuleItWouldBe()
    {
        OnnxRecurrentNode node = OnnxWeights.ReadRecurrentNodesFile(Fixtures.PathOf(Folder, "refused-lstm-peepholes.onnx")).Single();

        node.Spec.Should().Be(LayerSpec.Torch.Lstm(2, 3));
        OnnxWeights.ReadRecurrentNodesFile(Fixtures.PathOf(Folder, "refused-rnn-fed-weights.onnx")).Single().Spec.Should().BeNull();
    }

    [Fact]
    public void Map_DefaultActivationsSpelledOut_IsAcceptedWithoutBias()
    {
        string path = Fixtures.PathOf(Folder, "refused-lstm-default-activations.onnx");
        OnnxRecurrentNode node = OnnxWeights.ReadRecurrentNodesFile(path).Single();

        node.Refusal.Should().BeNull();
        Fixtures.Manifest(Folder)["refused-lstm-default-activations.onnx"].GetProperty("refusal").ValueKind.Should().Be(JsonValueKind.Null);
        node.Spec.Should().Be(LayerSpec.Torch.Lstm(2, 3, bias: false));
        node.ModuleName.Should().Be("lstm_node");
        node.Map!.Mappings.Select(m => m.Target).Should().Equal("lstm_node.weight_ih_l0", "lstm_node.weight_hh_l0");
        node.Map.Apply(OnnxWeights.ReadInitializersFile(path)).Should().HaveCount(2);
        node.ToString().Should().Be(node.Map.ToString());
    }

    [Fact]
    public void Map_TorchBidirectionalLstm_NamesBothDirectionsAndReordersTheGates()
    {
        OnnxRecurrentNode node = OnnxWeights.ReadRecurrentNodesFile(Fixtures.PathOf(Folder, "torch-lstm-bidir.onnx")).Single();

        node.OpType.Should().Be("LSTM");
        node.Spec.Should().Be(LayerSpec.Torch.Lstm(5, 4, bidirectional: true));
        node.Map!.Mappings.Select(m => m.Target.Substring(node.ModuleName.Length + 1)).Should().Equal(
            "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse");
        node.Map.ToString().Should().Contain("gates i,o,f,c → i,f,g,o");
    }

    [Fact]
    public void ReadRecurrentNodes_TwoLayerExport_GivesOneNodePerLayerInOrder()
    {
        IReadOnlyList<OnnxRecurrentNode> nodes = OnnxWeights.ReadRecurrentNodes(new MemoryStream(Fixtures.Bytes(Folder, "torch-gru-2layers-bidir.onnx")));

        nodes.Should().HaveCount(Fixtures.Manifest(Folder)["torch-gru-2layers-bidir.onnx"].GetProperty("nodes").GetInt32());
        nodes.Select(n => n.Spec).Should().Equal(LayerSpec.Torch.Gru(4, 3, bidirectional: true), LayerSpec.Torch.Gru(6, 3, bidirectional: true));
        nodes.Select(n => n.ModuleName).Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData("", "LSTM_0")]
    [InlineData("/encoder/lstm/LSTM", "encoder_lstm_LSTM")]
    [InlineData("7up", "node_0")]
    [InlineData("//", "node_0")]
    public void ModuleName_NodeName_IsCleanedToAnIdentifier(string name, string expected)
    {
        OnnxRecurrentNode node = OnnxWeights.ReadRecurrentNodes(new MemoryStream(Lstm(name))).Single();

        node.ModuleName.Should().Be(expected);
        node.Name.Should().Be(name.Length == 0 ? "LSTM_0" : name);
    }

    [Fact]
    public void ModuleName_TwoNodesOfOneName_AreTold()
    {
        IReadOnlyList<OnnxRecurrentNode> nodes = OnnxWeights.ReadRecurrentNodes(new MemoryStream(Lstm("lstm", "lstm")));

        nodes.Select(n => n.ModuleName).Should().Equal("lstm", "lstm_1");
    }

    [Theory]
    [InlineData(new long[] { 1, 12, 2 }, new long[] { 1, 12, 4 }, 3, "*W (1, 12, 2), R (1, 12, 4) are not the shapes an ONNX LSTM with hidden_size=3*")]
    [InlineData(new long[] { 2, 12, 2 }, new long[] { 2, 12, 3 }, 3, "*1 direction(s)*")]
    [InlineData(new long[] { 1, 12, 2 }, new long[] { 1, 12, 3 }, 5, "*hidden_size=5*")]
    public void Refusal_WeightsOfOtherShapes_AreNamed(long[] w, long[] r, long hidden, string reason)
    {
        OnnxRecurrentNode node = OnnxWeights.ReadRecurrentNodes(new MemoryStream(Lstm(w, r, hidden, dataType: 1))).Single();

        node.Refusal.Should().Match(reason);
        node.Spec.Should().BeNull();
    }

    [Fact]
    public void Refusal_IntegerWeights_AreNotMapped()
    {
        OnnxRecurrentNode node = OnnxWeights.ReadRecurrentNodes(new MemoryStream(Lstm([1, 12, 2], [1, 12, 3], 3, dataType: 3))).Single();

        node.Refusal.Should().Match("*W ('W') is a INT8 initializer*");
    }

    private static byte[] Lstm(params string[] names) => Graph(names, [1, 12, 2], [1, 12, 3], 3, 1);

    private static byte[] Lstm(long[] w, long[] r, long hidden, int dataType) => Graph(["lstm"], w, r, hidden, dataType);

    private static byte[] Graph(string[] names, long[] w, long[] r, long hidden, int dataType)
    {
        var graph = new GraphProto { Name = "g" };
        foreach (string name in names)
        {
            var node = new NodeProto { OpType = "LSTM", Name = name };
            node.Input.AddRange(["x", "W", "R"]);
            node.Output.Add(name + "_y");
            node.Attribute.Add(new AttributeProto { Name = "hidden_size", I = hidden, Type = AttributeProto.Types.AttributeType.Int });
            graph.Node.Add(node);
        }

        foreach ((string name, long[] dims) in new[] { ("W", w), ("R", r) })
        {
            var tensor = new TensorProto { Name = name, DataType = dataType };
            tensor.Dims.AddRange(dims);
            long count = dims.Aggregate(1L, (a, b) => a * b);
            tensor.RawData = ByteString.CopyFrom(new byte[count * (dataType == 1 ? 4 : 1)]);
            graph.Initializer.Add(tensor);
        }

        return new ModelProto { IrVersion = 8, Graph = graph }.ToByteArray();
    }
}
