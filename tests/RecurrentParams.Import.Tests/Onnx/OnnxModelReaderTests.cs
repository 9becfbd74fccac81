using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using FluentAssertions;
using Google.Protobuf;
using RecurrentParams.Import.Onnx;
using Xunit;

namespace RecurrentParams.Import.Tests.Onnx;

/// <summary>torch.onnx.export of real PyTorch 1.13 modules, and hand-made hostile protobufs.</summary>
public sealed partial class OnnxModelReaderTests
{
    public static TheoryData<string> Ids => Fixtures.Ids("onnx");

    [Theory]
    [MemberData(nameof(Ids))]
    public void ReadFile_TorchExport_CountsWhatPyTorchCounts(string id)
    {
        JsonElement truth = Fixtures.Manifest("onnx")[id];

        ImportedModel model = OnnxModelReader.ReadFile(Fixtures.PathOf("onnx", id + ".onnx"));

        model.Format.Should().Be(ModelFileFormat.Onnx);
        model.Summary.TotalParams.Should().Be(truth.Long("params"));
        model.Tensors.Should().HaveCount((int)truth.Long("onnxInitializers"));
        model.Tensors.Sum(t => t.ElementCount).Should().Be(truth.Long("onnxInitializerElements"));
        model.Metadata["producer_name"].Should().Be("pytorch");
        model.Metadata["opset.ai.onnx"].Should().Be("14");
        model.Summary.Name.Should().Be("torch_jit");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void ReadFile_TorchExport_OneRowPerRecurrentLayerWithPyTorchsCount(string id)
    {
        JsonElement truth = Fixtures.Manifest("onnx")[id];
        long[] layerParams = truth.GetProperty("recurrent").EnumerateArray()
            .SelectMany(m => m.GetProperty("layerParams").EnumerateArray().Select(p => p.GetInt64())).ToArray();

        ImportedModel model = OnnxModelReader.ReadFile(Fixtures.PathOf("onnx", id + ".onnx"));

        LayerSummary[] recurrent = model.Summary.Rows.Where(r => r.ClassName is "LSTM" or "GRU" or "RNN").ToArray();
        recurrent.Select(r => r.ClassName).Should().Equal(truth.GetProperty("onnxRecurrentNodes").Strings());
        recurrent.Select(r => r.Params).Should().Equal(layerParams);
        recurrent.All(r => r.Derivation != null && r.Derivation.Total == r.Params).Should().BeTrue();
    }

    [Fact]
    public void ReadFile_BidirectionalStack_ExplainsEachLayerAsPyTorchWould()
    {
        ImportedModel model = OnnxModelReader.ReadFile(Fixtures.PathOf("onnx", "lstm-bidir-2layers-bf.onnx"));

        LayerSummary[] rows = model.Summary.Rows.Where(r => r.ClassName == "LSTM").ToArray();
        rows[0].Derivation!.ToString().Should().Be(Params.Explain(LayerSpec.Torch.Lstm(4, 6, bidirectional: true)).ToString());
        rows[1].Derivation!.ToString().Should().Be(Params.Explain(LayerSpec.Torch.Lstm(12, 6, bidirectional: true)).ToString());
        rows[0].OutputShape.Should().Be(new OutputShape(null, 2, null, 6));
        rows[0].Weights.Select(w => w.Shape.Rank).Should().Equal(3, 3, 2);
    }

    [Fact]
    public void ReadFile_GruWithoutBias_ExplainsWithoutBias()
    {
        LayerSummary row = OnnxModelReader.ReadFile(Fixtures.PathOf("onnx", "gru-nobias.onnx")).Summary.Rows.Single(r => r.ClassName == "GRU");

        row.Derivation!.Subject.Should().Be(Params.Explain(LayerSpec.Torch.Gru(4, 5, bias: false)).Subject);
    }

    [Fact]
    public void ReadFile_EmbeddingLstmLinear_GroupsInitializersByConsumer()
    {
        ImportedModel model = OnnxModelReader.ReadFile(Fixtures.PathOf("onnx", "emb-lstm-linear.onnx"));

        model.Summary.Rows.Select(r => (r.ClassName, r.Params)).Should().Equal(("Gather", 400L), ("LSTM", 1664L), ("Gemm", 51L));
        model.Summary.Rows[0].Weights.Single().Name.Should().Be("layers.0.weight");
        model.Summary.Rows[2].OutputShape.Should().Be(new OutputShape(2, 3), "the graph output's shape, as exported");
        model.Summary.Input.Should().Be(new OutputShape(2, 7));
        model.Summary.InputElementType.Should().Be(ElementType.Int64);
    }

    [Fact]
    public void ReadFile_Mlp_HasNoRecurrentRows()
    {
        ImportedModel model = OnnxModelReader.ReadFile(Fixtures.PathOf("onnx", "mlp.onnx"));

        model.Summary.Rows.Select(r => r.ClassName).Should().Equal("Gemm", "Gemm");
        model.Recovered.Should().BeEmpty();
    }

    [Fact]
    public void Read_OneGigabyteModel_ReadsOnlyMetadata()
    {
        string path = Path.Combine(Path.GetTempPath(), "rp-onnx-" + Guid.NewGuid().ToString("N") + ".onnx");
        try
        {
            long size = OnnxFiles.WriteSparseLstm(path, inputSize: 4096, hiddenSize: 8192);
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
            using var counting = new CountingStream(file);

            ImportedModel model = OnnxModelReader.Read(counting);

            size.Should().BeGreaterThan(1L << 30);
            counting.BytesRead.Should().BeLessThan(1 << 20);
            model.Summary.TotalParams.Should().Be(Params.Torch.Lstm(4096, 8192));
            model.Summary.Rows.Single().Derivation!.Subject.Should().Be(Params.Explain(LayerSpec.Torch.Lstm(4096, 8192)).Subject);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_NonSeekableStream_SkipsByReading()
    {
        using var stream = new NonSeekableStream(Fixtures.Bytes("onnx", "gru-6-8-2layers.onnx"));

        ImportedModel model = OnnxModelReader.Read(stream);

        model.Summary.TotalParams.Should().Be(816);
    }

    [Fact]
    public void Read_ExternalDataAndSparseInitializers_AreCountedFromTheirShapes()
    {
        byte[] model = OnnxFiles.Model(graph =>
        {
            OnnxFiles.Tensor(graph, 5, "external", [3, 4], dataType: 1, external: true);
            OnnxFiles.SparseTensor(graph, "sparse", [10, 10]);
            OnnxFiles.Tensor(graph, 5, "shape", [2], dataType: 7);
            OnnxFiles.Node(graph, "MatMul", "mm", "x", "external");
        });

        ImportedModel read = OnnxModelReader.Read(new MemoryStream(model));

        read.Tensors.Select(t => (t.Name, t.DataType, t.ElementCount)).Should().Equal(("external", "FLOAT", 12L), ("sparse", "FLOAT", 100L), ("shape", "INT64", 2L));
        read.Summary.Rows.Select(r => (r.Name, r.Params)).Should().Equal(("mm", 12L), ("(unconsumed initializers)", 100L));
        read.Summary.Rows[0].OutputShape.Should().Be(new OutputShape(null, null, 4));
    }

    [Fact]
    public void Read_GraphWithoutInitializers_HasOneEmptyRow()
    {
        byte[] model = OnnxFiles.Model(graph => OnnxFiles.Node(graph, "Relu", string.Empty, "x"));

        ImportedModel read = OnnxModelReader.Read(new MemoryStream(model));

        read.Summary.Rows.Should().ContainSingle().Which.ClassName.Should().Be("Graph");
        read.Summary.Name.Should().Be("onnx");
    }

    [Theory]
    [InlineData("no graph")]
    [InlineData("negative dim")]
    [InlineData("wrong wire type")]
    [InlineData("length past the end")]
    [InlineData("too many dims")]
    [InlineData("truncated tensor")]
    [InlineData("overflowing shape")]
    [InlineData("sparse without values")]
    public void Read_Malformed_ThrowsModelFormatExceptionWithAnOffset(string kind)
    {
        byte[] bytes = kind switch
        {
            "no graph" => OnnxFiles.Raw(output => { output.WriteTag(1, WireFormat.WireType.Varint); output.WriteInt64(8); }),
            "negative dim" => OnnxFiles.Model(graph => OnnxFiles.Tensor(graph, 5, "w", [3, -4])),
            "wrong wire type" => OnnxFiles.Model(graph => { graph.WriteTag(5, WireFormat.WireType.Varint); graph.WriteInt64(1); }),
            "length past the end" => OnnxFiles.Raw(output => { output.WriteTag(7, WireFormat.WireType.LengthDelimited); output.WriteLength(1000); }),
            "too many dims" => OnnxFiles.Model(graph => OnnxFiles.Tensor(graph, 5, "w", Enumerable.Repeat(1L, 65).ToArray())),
            "truncated tensor" => OnnxFiles.Model(graph => OnnxFiles.Tensor(graph, 5, "w", [3, 4]))[..^3],
            "overflowing shape" => OnnxFiles.Model(graph => OnnxFiles.Tensor(graph, 5, "w", [1L << 40, 1L << 40])),
            _ => OnnxFiles.Model(graph => { graph.WriteTag(15, WireFormat.WireType.LengthDelimited); graph.WriteLength(0); }),
        };

        Action read = () => OnnxModelReader.Read(new MemoryStream(bytes));

        read.Should().Throw<ModelFormatException>().Which.Location.Should().StartWith("byte ");
    }

    [Fact]
    public void Read_NotProtobuf_ThrowsModelFormatException()
    {
        Action read = () => OnnxModelReader.Read(new MemoryStream(System.Text.Encoding.ASCII.GetBytes("{\"class_name\": \"Sequential\"}")));

        read.Should().Throw<ModelFormatException>();
    }

    [Fact]
    public void Read_NullArguments_Throw()
    {
        Action read = () => OnnxModelReader.Read(null!);
        Action readFile = () => OnnxModelReader.ReadFile(null!);
        Action emptyFile = () => OnnxModelReader.ReadFile(string.Empty);
        Action unreadable = () => OnnxModelReader.Read(new WriteOnlyStream());

        read.Should().Throw<ArgumentNullException>();
        readFile.Should().Throw<ArgumentNullException>();
        emptyFile.Should().Throw<ArgumentException>();
        unreadable.Should().Throw<ArgumentException>();
    }

    private sealed class WriteOnlyStream : MemoryStream
    {
        public override bool CanRead => false;
    }
}
