using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Import.Tests;

/// <summary>State dicts of real PyTorch 1.13 modules written as safetensors, and hostile headers.</summary>
public sealed class SafetensorsReaderTests
{
    public static TheoryData<string> Ids => Fixtures.Ids("safetensors");

    [Theory]
    [MemberData(nameof(Ids))]
    public void ReadFile_StateDict_CountsWhatPyTorchCounts(string id)
    {
        JsonElement truth = Fixtures.Manifest("safetensors")[id];

        ImportedModel model = SafetensorsReader.ReadFile(Fixtures.PathOf("safetensors", id + ".safetensors"));

        model.Format.Should().Be(ModelFileFormat.Safetensors);
        model.Summary.Name.Should().Be(id);
        model.Summary.Convention.Should().Be(Convention.Torch);
        model.Tensors.Should().HaveCount((int)truth.Long("stateDictTensors"));
        model.Tensors.Sum(t => t.ElementCount).Should().Be(truth.Long("stateDictElements"));
        model.Summary.TotalParams.Should().Be(truth.Long("stateDictElements"));
        model.Summary.TrainableParams.Should().Be(truth.Long("params"));
        model.Tensors.Select(t => t.DataType).Distinct().Order().Should().Equal(truth.GetProperty("dtypes").Strings());
        if (truth.GetProperty("metadata").ValueKind == JsonValueKind.Object)
        {
            model.Metadata["format"].Should().Be("pt");
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void ReadFile_StateDict_RecoversEveryRecurrentModule(string id)
    {
        JsonElement truth = Fixtures.Manifest("safetensors")[id];
        JsonElement[] expected = truth.GetProperty("recurrent").EnumerateArray().ToArray();
        bool ambiguous = truth.TryGetProperty("ambiguous", out JsonElement a) && a.GetBoolean();

        ImportedModel model = SafetensorsReader.ReadFile(Fixtures.PathOf("safetensors", id + ".safetensors"));

        model.Recovered.Should().HaveCount(expected.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            RecoveredModule module = model.Recovered[k];
            module.Prefix.Should().Be(expected[k].Str("prefix"));
            if (ambiguous)
            {
                module.IsAmbiguous.Should().BeTrue();
                module.Spec.Should().BeNull();
                continue;
            }

            module.IsAmbiguous.Should().BeFalse(module.Ambiguity);
            module.ClassName.Should().Be(expected[k].Str("type"));
            module.Spec.Should().Be(ExpectedSpec(expected[k]));
            Params.Count(module.Spec!).Should().Be(expected[k].Long("params"));
            module.Derivation!.ToString().Should().Be(Params.Explain(module.Spec!).ToString());
        }
    }

    [Fact]
    public void ReadFile_Seq2Seq_ShowsModulesAndGroupsInFileOrder()
    {
        ImportedModel model = SafetensorsReader.ReadFile(Fixtures.PathOf("safetensors", "seq2seq.safetensors"));

        model.Summary.Rows.Select(r => (r.Name, r.ClassName)).Should().Equal(
            ("embedding", "Tensors"), ("encoder.lstm", "LSTM"), ("decoder.gru", "GRU"), ("fc", "Tensors"));
        model.Summary.Rows[1].Derivation!.Subject.Should().Contain("num_layers=2");
        model.Summary.Rows[1].OutputShape.Should().Be(new OutputShape(null, null, 16));
        model.Summary.Rows[0].OutputShape.Should().BeSameAs(OutputShape.Unknown, "a group of tensors says nothing of its output");
        model.Summary.Render(SummaryFormat.Torchinfo).Should().Contain("├─Tensors: 1-1                           --                        ");
        model.Metadata["note"].Should().Contain("encoder.lstm");
    }

    [Fact]
    public void ReadFile_BatchNormBuffers_AreNonTrainable()
    {
        ImportedModel model = SafetensorsReader.ReadFile(Fixtures.PathOf("safetensors", "tagger-bn.safetensors"));

        LayerSummary norm = model.Summary.Rows.Single(r => r.Name == "norm");
        norm.Weights.Where(w => !w.Trainable).Select(w => w.Name).Should().Equal("running_mean", "running_var", "num_batches_tracked");
        norm.NonTrainableParams.Should().Be(41);
    }

    [Fact]
    public void Read_OneGigabyteFile_ReadsOnlyTheHeader()
    {
        byte[] header = Header("{\"lstm.weight_ih_l0\":{\"dtype\":\"F32\",\"shape\":[16384,16384],\"data_offsets\":[0,1073741824]}}");
        using var stream = new ClaimingStream(header.Length + (1L << 30), header);

        ImportedModel model = SafetensorsReader.Read(stream);

        stream.BytesRead.Should().Be(header.Length);
        model.Summary.TotalParams.Should().Be(1L << 28);
        RecoveredModule lstm = model.Recovered.Should().ContainSingle().Which;
        lstm.Spec.Should().Be(LayerSpec.Torch.Lstm(16384, 4096, bias: false), "the name 'lstm' resolves G·H = 16384 without weight_hh");
        lstm.MissingTensors.Should().Equal("lstm.weight_hh_l0");
    }

    [Fact]
    public void Read_NonSeekableStream_ReadsTheHeader()
    {
        using var stream = new NonSeekableStream(Fixtures.Bytes("safetensors", "lstm-5-4.safetensors"));

        ImportedModel model = SafetensorsReader.Read(stream);

        model.Summary.TotalParams.Should().Be(176);
        model.Summary.Name.Should().Be("safetensors");
    }

    [Theory]
    [InlineData(1UL << 60, "at most 100000000")]
    [InlineData(50_000_000UL, "only")]
    public void Read_HeaderSizeBeyondLimitOrFile_IsRefusedWithoutAllocating(ulong claimed, string expected)
    {
        byte[] prefix = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, claimed);
        long before = GC.GetAllocatedBytesForCurrentThread();

        Action read = () => SafetensorsReader.Read(new MemoryStream(prefix));

        read.Should().Throw<ModelFormatException>().Which.Message.Should().Contain("byte 0").And.Contain(expected);
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(1 << 20);
    }

    [Theory]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[1073741824,1073741824],\"data_offsets\":[0,4]}}", "needs")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296,4294967296],\"data_offsets\":[0,4]}}", "64-bit")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", "0 or more")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,400]}}", "≤")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", "begin ≤ end")]
    [InlineData("{\"w\":{\"dtype\":\"Q7\",\"shape\":[1],\"data_offsets\":[0,4]}}", "dtype")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", "[begin, end]")]
    [InlineData("{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", "'dtype'")]
    [InlineData("{\"w\":[1,2]}", "JSON object")]
    [InlineData("[]", "JSON object")]
    [InlineData("{\"__metadata__\":{\"k\":1}}", "string")]
    public void Read_BadHeader_ThrowsModelFormatExceptionNamingTheEntry(string json, string expected)
    {
        byte[] file = [.. Header(json), 0, 0, 0, 0];

        Action read = () => SafetensorsReader.Read(new MemoryStream(file));

        read.Should().Throw<ModelFormatException>().Which.Message.Should().Contain(expected);
    }

    [Fact]
    public void Read_DeeplyNestedHeader_ThrowsAtOnce()
    {
        string json = "{\"w\":" + new string('[', 1_000_000) + new string(']', 1_000_000) + "}";

        Action read = () => SafetensorsReader.Read(new MemoryStream(Header(json)));

        read.Should().Throw<ModelFormatException>().WithMessage("*levels deep*");
    }

    [Fact]
    public void Read_Truncated_ThrowsWithTheOffset()
    {
        Action read = () => SafetensorsReader.Read(new MemoryStream(new byte[] { 8, 0, 0 }));

        read.Should().Throw<ModelFormatException>().WithMessage("At byte 3*");
    }

    [Fact]
    public void Read_EmptyHeader_HasOneEmptyRow()
    {
        ImportedModel model = SafetensorsReader.Read(new MemoryStream(Header("{}")));

        model.Summary.Rows.Should().ContainSingle().Which.Params.Should().Be(0);
        model.Tensors.Should().BeEmpty();
    }

    [Fact]
    public void Read_NullArguments_Throw()
    {
        Action read = () => SafetensorsReader.Read(null!);
        Action readFile = () => SafetensorsReader.ReadFile(null!);
        Action unreadable = () => SafetensorsReader.Read(new UnreadableStream());

        read.Should().Throw<ArgumentNullException>();
        readFile.Should().Throw<ArgumentNullException>();
        unreadable.Should().Throw<ArgumentException>().WithParameterName("stream");
    }

    internal static byte[] Header(string json)
    {
        byte[] text = Encoding.UTF8.GetBytes(json);
        byte[] file = new byte[8 + text.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)text.Length);
        text.CopyTo(file, 8);
        return file;
    }

    private static LayerSpec ExpectedSpec(JsonElement m)
    {
        int input = (int)m.Long("inputSize");
        int hidden = (int)m.Long("hiddenSize");
        int layers = (int)m.Long("numLayers");
        bool bias = m.GetProperty("bias").GetBoolean();
        bool bidirectional = m.GetProperty("bidirectional").GetBoolean();
        return m.Str("type") switch
        {
            "LSTM" => LayerSpec.Torch.Lstm(input, hidden, layers, bias, bidirectional, (int)m.Long("projSize")),
            "GRU" => LayerSpec.Torch.Gru(input, hidden, layers, bias, bidirectional),
            "RNN" => LayerSpec.Torch.Rnn(input, hidden, layers, bias, bidirectional),
            "LSTMCell" => LayerSpec.Torch.LstmCell(input, hidden, bias),
            "GRUCell" => LayerSpec.Torch.GruCell(input, hidden, bias),
            _ => LayerSpec.Torch.RnnCell(input, hidden, bias),
        };
    }

    private sealed class UnreadableStream : MemoryStream
    {
        public override bool CanRead => false;
    }
}
