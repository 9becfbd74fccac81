using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using FluentAssertions;
using Google.Protobuf;
using RecurrentParams.Import.Onnx;
using RecurrentParams.Import.Onnx.Protos;
using RecurrentParams.Porting;
using Xunit;

namespace RecurrentParams.Import.Tests.Onnx;

/// <summary>
/// <see cref="OnnxWeights"/>: the values torch.onnx.export wrote, mapped to the names and numbers of torch's own state
/// dict and run through <see cref="ReferenceForward"/> to torch's outputs; every value encoding; and hostile files.
/// The truths are in <c>Fixtures/onnx-weights</c>, written by <c>tools/oracles/files/onnx_weights_files.py</c>.
/// </summary>
public sealed class OnnxWeightsTests
{
    private const string Folder = "onnx-weights";

    public static TheoryData<string> TorchCases => new(
        "lstm", "gru", "rnn", "lstm-bidir", "gru-bidir", "rnn-bidir", "lstm-2layers", "gru-2layers-bidir", "lstm-nobias");

    [Theory]
    [MemberData(nameof(TorchCases))]
    public void ReadInitializers_TorchExportMappedByTheNodes_IsTheStateDictBitForBit(string id)
    {
        IReadOnlyList<NamedTensor> mapped = TorchStateDict(Fixtures.Bytes(Folder, "torch-" + id + ".onnx"));
        IReadOnlyList<NamedTensor> truth = SafetensorsReader.ReadWeightsFile(Fixtures.PathOf(Folder, "torch-" + id + ".safetensors"));

        mapped.Select(t => t.Name).Should().BeEquivalentTo(truth.Select(t => t.Name));
        foreach (NamedTensor tensor in truth)
        {
            NamedTensor got = mapped.Single(t => t.Name == tensor.Name);
            got.Shape.Should().Be(tensor.Shape, tensor.Name);
            got.Values.ToArray().Should().Equal(tensor.Values.ToArray(), tensor.Name);
        }
    }

    [Theory]
    [MemberData(nameof(TorchCases))]
    public void ReadInitializers_TorchExportMappedAndRun_ReproducesTorchOutput(string id)
    {
        using JsonDocument record = JsonDocument.Parse(Fixtures.Bytes(Folder, "torch-" + id + ".json"));
        JsonElement module = record.RootElement.GetProperty("module");
        int input = module.GetProperty("inputSize").GetInt32();
        int hidden = module.GetProperty("hiddenSize").GetInt32();
        int layers = module.GetProperty("numLayers").GetInt32();
        bool bias = module.GetProperty("bias").GetBoolean();
        bool bidirectional = module.GetProperty("bidirectional").GetBoolean();
        LayerSpec spec = module.GetProperty("type").GetString() switch
        {
            "LSTM" => LayerSpec.Torch.Lstm(input, hidden, layers, bias, bidirectional),
            "GRU" => LayerSpec.Torch.Gru(input, hidden, layers, bias, bidirectional),
            _ => LayerSpec.Torch.Rnn(input, hidden, layers, bias, bidirectional),
        };
        double[][] sequence = Rows(record.RootElement.GetProperty("input"));
        double[][] expected = Rows(record.RootElement.GetProperty("output"));

        double[][] output = ReferenceForward.Recurrent(spec, TorchStateDict(Fixtures.Bytes(Folder, "torch-" + id + ".onnx")), sequence);

        output.Should().HaveCount(expected.Length);
        for (int step = 0; step < expected.Length; step++)
        {
            output[step].Should().HaveCount(expected[step].Length);
            for (int k = 0; k < expected[step].Length; k++)
            {
                output[step][k].Should().BeApproximately(expected[step][k], 1e-5, "step {0}, unit {1}", step, k);
            }
        }
    }

    [Fact]
    public void ReadInitializers_EveryEncoding_GivesTheValuesNumpyGives()
    {
        using JsonDocument record = JsonDocument.Parse(Fixtures.Bytes(Folder, "values-typed.json"));
        byte[] bytes = Fixtures.Bytes(Folder, "values-typed.onnx");

        foreach (IReadOnlyList<NamedTensor> tensors in new[]
        {
            OnnxWeights.ReadInitializers(new MemoryStream(bytes)),
            OnnxWeights.ReadInitializers(new NonSeekableStream(bytes)),
            OnnxWeights.ReadInitializersFile(Fixtures.PathOf(Folder, "values-typed.onnx")),
        })
        {
            tensors.Select(t => t.Name).Should().Equal(
                "float_raw", "float_typed", "double_raw", "double_typed", "half_raw", "half_typed", "bfloat_raw", "bfloat_typed", "empty", "scalar");
            foreach (NamedTensor tensor in tensors)
            {
                JsonElement truth = record.RootElement.GetProperty(tensor.Name);
                tensor.Shape.Dimensions.Should().Equal(truth.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()), tensor.Name);
                tensor.Values.ToArray().Should().Equal(truth.GetProperty("values").EnumerateArray().Select(Single), tensor.Name);
            }
        }
    }

    [Fact]
    public void ReadInitializers_UnpackedAndPackedTypedFields_AreRead()
    {
        // Unpacked float_data (one fixed32 per tag) and double_data, and int32_data, as a hand-written file may hold them.
        byte[] model = Model(
            Tensor("f", 1, [3], t =>
            {
                foreach (float v in new[] { 1.5f, -2f, 3.25f })
                {
                    t.WriteTag(4, WireFormat.WireType.Fixed32);
                    t.WriteFloat(v);
                }
            }),
            Tensor("d", 11, [2], t =>
            {
                t.WriteTag(10, WireFormat.WireType.Fixed64);
                t.WriteDouble(0.1);
                t.WriteTag(10, WireFormat.WireType.Fixed64);
                t.WriteDouble(-1e40);
            }),
            Tensor("h", 10, [2], t =>
            {
                t.WriteTag(5, WireFormat.WireType.Varint);
                t.WriteInt32(0x3C00); // 1.0
                t.WriteTag(5, WireFormat.WireType.Varint);
                t.WriteInt32(0xC000); // -2.0
            }),
            Tensor("i", 7, [2], t =>
            {
                t.WriteTag(7, WireFormat.WireType.Varint);
                t.WriteInt64(1);
                t.WriteTag(7, WireFormat.WireType.Varint);
                t.WriteInt64(2);
            }));

        IReadOnlyList<NamedTensor> tensors = OnnxWeights.ReadInitializers(new MemoryStream(model));

        tensors.Select(t => t.Name).Should().Equal("f", "d", "h");
        tensors[0].Values.ToArray().Should().Equal(1.5f, -2f, 3.25f);
        tensors[1].Values.ToArray().Should().Equal(0.1f, float.NegativeInfinity);
        tensors[2].Values.ToArray().Should().Equal(1f, -2f);
    }

    [Fact]
    public void ReadInitializers_ExternalData_IsRefusedWithTheReason()
    {
        Action read = () => OnnxWeights.ReadInitializersFile(Fixtures.PathOf(Folder, "external-data.onnx"));

        read.Should().Throw<ModelFormatException>()
            .WithMessage("*initializer 'weights'*external data file*save_as_external_data=False*")
            .Which.Location.Should().StartWith("byte ");
    }

    [Fact]
    public void ReadInitializers_RawDataLongerThanTheDims_IsRefused()
    {
        byte[] model = Model(Raw("w", 1, [2], new byte[12]));

        Action read = () => OnnxWeights.ReadInitializers(new MemoryStream(model));

        read.Should().Throw<ModelFormatException>().WithMessage("*FLOAT initializer 'w'*has 3 values, but its dims make 2 elements*");
    }

    [Fact]
    public void ReadInitializers_RawDataShorterThanTheDims_IsRefused()
    {
        byte[] model = Model(Raw("w", 1, [4], new byte[8]));

        Action read = () => OnnxWeights.ReadInitializers(new MemoryStream(model));

        read.Should().Throw<ModelFormatException>().WithMessage("*'w'*claims 4 FLOAT elements but holds 8 bytes*");
    }

    [Fact]
    public void ReadInitializers_RawDataNotWholeValues_IsRefused()
    {
        byte[] model = Model(Raw("w", 10, [2], new byte[5]));

        Action read = () => OnnxWeights.ReadInitializers(new MemoryStream(model));

        read.Should().Throw<ModelFormatException>().WithMessage("*FLOAT16 initializer 'w'*5 bytes of raw_data, not a whole number of 2-byte values*");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ReadInitializers_TruncatedRawData_IsRefusedWithTheOffset(bool seekable)
    {
        byte[] whole = Model(Raw("w", 1, [64], new byte[256]));
        byte[] cut = whole.Take(whole.Length - 100).ToArray();

        Action read = () => OnnxWeights.ReadInitializers(seekable ? new MemoryStream(cut) : new NonSeekableStream(cut));

        read.Should().Throw<ModelFormatException>().WithMessage("*past the end of its message or of the file*").Which.Location.Should().StartWith("byte ");
    }

    [Fact]
    public void ReadInitializers_DimsWhoseProductOverflows_AreRefused()
    {
        byte[] model = Model(Raw("w", 1, [1L << 40, 1L << 40], new byte[4]));

        Action read = () => OnnxWeights.ReadInitializers(new MemoryStream(model));

        read.Should().Throw<ModelFormatException>().WithMessage("*'w'*more elements than fit in a 64-bit integer*");
    }

    [Fact]
    public void ReadInitializers_HugeClaimedLengthOnAForwardOnlyStream_IsRefusedWithoutAllocatingIt()
    {
        // raw_data claims 2,000,000,000 bytes; 64 follow.
        byte[] tensor = [.. Bytes(t =>
        {
            t.WriteTag(1, WireFormat.WireType.Varint);
            t.WriteInt64(500_000_000);
            t.WriteTag(2, WireFormat.WireType.Varint);
            t.WriteInt32(1);
            t.WriteTag(8, WireFormat.WireType.LengthDelimited);
            t.WriteString("w");
            t.WriteTag(9, WireFormat.WireType.LengthDelimited);
            t.WriteLength(2_000_000_000);
        }), .. new byte[64]];
        byte[] initializer = [.. Bytes(g =>
        {
            g.WriteTag(5, WireFormat.WireType.LengthDelimited);
            g.WriteLength(tensor.Length);
        }), .. tensor];
        byte[] model = [.. Bytes(m =>
        {
            m.WriteTag(7, WireFormat.WireType.LengthDelimited);
            m.WriteLength(initializer.Length);
        }), .. initializer];
        long before = GC.GetAllocatedBytesForCurrentThread();

        Action read = () => OnnxWeights.ReadInitializers(new NonSeekableStream(model));

        read.Should().Throw<ModelFormatException>().WithMessage("*claims*bytes, past the end*");
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(4 << 20);
    }

    [Fact]
    public void ReadInitializers_ValuesPastMaxWeightBytes_AreRefusedBeforeBeingRead()
    {
        byte[] model = Model(Raw("a", 1, [4], new byte[16]), Raw("b", 1, [4], new byte[16]));
        var options = new ModelReaderOptions { MaxWeightBytes = 24 };

        Action read = () => OnnxWeights.ReadInitializers(new MemoryStream(model), options);

        read.Should().Throw<ModelFormatException>().WithMessage("*values take 32 bytes or more*24 bytes ModelReaderOptions.MaxWeightBytes allows*");
        OnnxWeights.ReadInitializers(new MemoryStream(model), options with { MaxWeightBytes = 32 }).Should().HaveCount(2);
    }

    [Fact]
    public void ReadInitializers_SparseGigabyteFile_IsRefusedByMaxWeightBytesWithoutReadingIt()
    {
        string path = Path.Combine(Path.GetTempPath(), "rp-" + Guid.NewGuid().ToString("N") + ".onnx");
        try
        {
            OnnxFiles.WriteSparseLstm(path, 4096, 4096).Should().BeGreaterThan(512L << 20, "W and R take 256 MiB each, as holes");

            Action read = () => OnnxWeights.ReadInitializersFile(path);

            read.Should().Throw<ModelFormatException>().WithMessage("*ModelReaderOptions.MaxWeightBytes*");
            OnnxWeights.ReadRecurrentNodesFile(path).Single().Map.Should().NotBeNull("the nodes are read without the values");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadInitializers_ForwardOnlyStreamPastTheBufferLimit_IsRefusedNamingTheOptions()
    {
        byte[] model = Model(Raw("a", 1, [256], new byte[1024]));
        var options = new ModelReaderOptions { MaxWeightBytes = 100, MaxDocumentBytes = 100 };

        Action read = () => OnnxWeights.ReadInitializers(new NonSeekableStream(model), options);

        read.Should().Throw<ModelFormatException>().WithMessage("*MaxWeightBytes + MaxDocumentBytes*");
    }

    [Fact]
    public void ReadInitializers_TypedFieldOfAnotherType_IsRefused()
    {
        byte[] model = Model(Tensor("w", 1, [1], t =>
        {
            t.WriteTag(10, WireFormat.WireType.Fixed64);
            t.WriteDouble(1);
        }));

        Action read = () => OnnxWeights.ReadInitializers(new MemoryStream(model));

        read.Should().Throw<ModelFormatException>().WithMessage("*'w'*typed field other than float_data*");
    }

    [Fact]
    public void ReadInitializers_RawAndTypedValues_AreRefused()
    {
        byte[] model = Model(Tensor("w", 1, [1], t =>
        {
            t.WriteTag(4, WireFormat.WireType.Fixed32);
            t.WriteFloat(1);
            t.WriteTag(9, WireFormat.WireType.LengthDelimited);
            t.WriteBytes(ByteString.CopyFrom(new byte[4]));
        }));

        Action read = () => OnnxWeights.ReadInitializers(new MemoryStream(model));

        read.Should().Throw<ModelFormatException>().WithMessage("*both in raw_data and in float_data*");
    }

    [Fact]
    public void ReadInitializers_HalfBitsOutOfRange_AreRefused()
    {
        byte[] model = Model(Tensor("w", 16, [1], t =>
        {
            t.WriteTag(5, WireFormat.WireType.Varint);
            t.WriteInt32(70_000);
        }));

        Action read = () => OnnxWeights.ReadInitializers(new MemoryStream(model));

        read.Should().Throw<ModelFormatException>().WithMessage("*BFLOAT16 initializer 'w'*70000 in int32_data*0 to 65535*");
    }

    [Fact]
    public void ReadInitializers_PackedFloatsNotWholeValues_AreRefused()
    {
        byte[] model = Model(Tensor("w", 1, [1], t =>
        {
            t.WriteTag(4, WireFormat.WireType.LengthDelimited);
            t.WriteBytes(ByteString.CopyFrom(new byte[6]));
        }));

        Action read = () => OnnxWeights.ReadInitializers(new MemoryStream(model));

        read.Should().Throw<ModelFormatException>().WithMessage("*packed float_data field holds 6 bytes*");
    }

    [Fact]
    public void ReadInitializers_TwoInitializersOfOneName_AreRefused()
    {
        byte[] model = Model(Raw("w", 1, [1], new byte[4]), Raw("w", 1, [1], new byte[4]));

        Action read = () => OnnxWeights.ReadInitializers(new MemoryStream(model));

        read.Should().Throw<ModelFormatException>().WithMessage("*two floating-point initializers are named 'w'*");
    }

    [Fact]
    public void ReadInitializers_NotProtobuf_IsRefused()
    {
        Action read = () => OnnxWeights.ReadInitializers(new MemoryStream([0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]));

        read.Should().Throw<ModelFormatException>();
    }

    [Fact]
    public void Arguments_NullOrUnusable_AreRefused()
    {
        FluentActions.Invoking(() => OnnxWeights.ReadInitializers(null!)).Should().Throw<ArgumentNullException>().WithParameterName("stream");
        FluentActions.Invoking(() => OnnxWeights.ReadRecurrentNodes(null!)).Should().Throw<ArgumentNullException>().WithParameterName("stream");
        FluentActions.Invoking(() => OnnxWeights.ReadInitializersFile(null!)).Should().Throw<ArgumentNullException>().WithParameterName("path");
        FluentActions.Invoking(() => OnnxWeights.ReadRecurrentNodesFile(string.Empty)).Should().Throw<ArgumentException>().WithParameterName("path");
        using var closed = new MemoryStream();
        closed.Dispose();
        FluentActions.Invoking(() => OnnxWeights.ReadInitializers(closed)).Should().Throw<ArgumentException>().WithParameterName("stream");
    }

    /// <summary>Reads a torch export and maps node k to layer k of the module: the names of the module's own state dict.</summary>
    internal static IReadOnlyList<NamedTensor> TorchStateDict(byte[] onnx)
    {
        IReadOnlyList<OnnxRecurrentNode> nodes = OnnxWeights.ReadRecurrentNodes(new MemoryStream(onnx));
        IReadOnlyList<NamedTensor> initializers = OnnxWeights.ReadInitializers(new MemoryStream(onnx));
        return nodes.SelectMany((node, layer) => node.Map!.Apply(initializers).Select(t => new NamedTensor(
            t.Name.Substring(node.ModuleName.Length + 1).Replace("_l0", "_l" + layer.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            t.Shape,
            t.Values.ToArray()))).ToArray();
    }

    private static double[][] Rows(JsonElement rows) =>
        rows.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();

    private static float Single(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? value.GetString() == "inf" ? float.PositiveInfinity : float.NegativeInfinity
        : (float)value.GetDouble();

    /// <summary>A model whose graph holds these encoded TensorProtos as initializers, byte for byte.</summary>
    private static byte[] Model(params byte[][] initializers)
    {
        byte[] graph = Bytes(g =>
        {
            foreach (byte[] tensor in initializers)
            {
                g.WriteTag(5, WireFormat.WireType.LengthDelimited);
                g.WriteBytes(ByteString.CopyFrom(tensor));
            }
        });
        return Bytes(m =>
        {
            m.WriteTag(1, WireFormat.WireType.Varint);
            m.WriteInt64(8);
            m.WriteTag(7, WireFormat.WireType.LengthDelimited);
            m.WriteBytes(ByteString.CopyFrom(graph));
        });
    }

    private static byte[] Raw(string name, int dataType, long[] dims, byte[] raw)
    {
        var tensor = new TensorProto { Name = name, DataType = dataType, RawData = ByteString.CopyFrom(raw) };
        tensor.Dims.AddRange(dims);
        return tensor.ToByteArray();
    }

    /// <summary>A tensor whose data fields the callback writes by hand (after dims, data_type and name).</summary>
    private static byte[] Tensor(string name, int dataType, long[] dims, Action<CodedOutputStream> data) =>
        Bytes(t =>
        {
            foreach (long d in dims)
            {
                t.WriteTag(1, WireFormat.WireType.Varint);
                t.WriteInt64(d);
            }

            t.WriteTag(2, WireFormat.WireType.Varint);
            t.WriteInt32(dataType);
            t.WriteTag(8, WireFormat.WireType.LengthDelimited);
            t.WriteString(name);
            data(t);
        });

    private static byte[] Bytes(Action<CodedOutputStream> write)
    {
        using var stream = new MemoryStream();
        using (var output = new CodedOutputStream(stream, leaveOpen: true))
        {
            write(output);
        }

        return stream.ToArray();
    }
}
