using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FluentAssertions;
using RecurrentParams.Formulas;
using RecurrentParams.Porting;
using RecurrentParams.Tests.Porting;
using Xunit;

namespace RecurrentParams.Import.Tests.Porting;

/// <summary>
/// <see cref="SafetensorsReader.ReadWeights"/> and <see cref="SafetensorsWriter"/>: the values PyTorch wrote, every
/// floating-point encoding, and hostile files that claim more than they hold, on seekable and forward-only streams.
/// </summary>
public sealed class SafetensorsWeightsTests
{
    [Theory]
    [MemberData(nameof(PortingCase.All), MemberType = typeof(PortingCase))]
    public void ReadWeights_GeneratorStateDict_HoldsThePyTorchValues(string id)
    {
        PortingCase c = PortingCase.Load(id);
        byte[] bytes = Fixtures.Bytes("porting", id + ".safetensors");

        KerasTorchConverterTests.Same(SafetensorsReader.ReadWeights(new MemoryStream(bytes)), c.TorchWeights);
        KerasTorchConverterTests.Same(SafetensorsReader.ReadWeights(new NonSeekableStream(bytes)), c.TorchWeights);
    }

    [Fact]
    public void Writer_RoundTrip_KeepsNamesShapesValuesAndOrder()
    {
        NamedTensor[] tensors =
        [
            new("b.weight", new TensorShape(2, 3), [1, -2, 3.5f, float.MaxValue, float.Epsilon, -0f]),
            new("a.bias", new TensorShape(3), [0.1f, 0.2f, 0.3f]),
            new("scalar", new TensorShape(), [42]),
        ];
        using var stream = new MemoryStream();

        SafetensorsWriter.Write(stream, tensors, new Dictionary<string, string> { ["format"] = "pt", ["note"] = "é" });

        (stream.Length % 8).Should().Be(0, "8-byte prefix, header padded to 8, then 4-byte floats: 6 + 3 + 1 = 10 values");
        IReadOnlyList<NamedTensor> back = SafetensorsReader.ReadWeights(new MemoryStream(stream.ToArray()));
        back.Select(t => t.Name).Should().Equal("b.weight", "a.bias", "scalar");
        KerasTorchConverterTests.Same(back, tensors);
        SafetensorsReader.Read(new MemoryStream(stream.ToArray())).Metadata.Should().Contain("note", "é");
    }

    [Fact]
    public void Writer_File_And_DefaultMetadata()
    {
        string path = Path.Combine(Path.GetTempPath(), "rp-" + Guid.NewGuid().ToString("N") + ".safetensors");
        try
        {
            SafetensorsWriter.WriteFile(path, [new NamedTensor("w", new TensorShape(1), [3])]);
            SafetensorsReader.ReadFile(path).Metadata.Should().Equal(new Dictionary<string, string> { ["format"] = "pt" });
            SafetensorsReader.ReadWeightsFile(path).Single().Values.ToArray().Should().Equal(3f);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Writer_BadArguments_Throw()
    {
        NamedTensor w = new("w", new TensorShape(1), [1]);
        FluentActions.Invoking(() => SafetensorsWriter.Write(null!, [w])).Should().Throw<ArgumentNullException>().WithParameterName("stream");
        FluentActions.Invoking(() => SafetensorsWriter.Write(new MemoryStream([], writable: false), [w])).Should().Throw<ArgumentException>().WithParameterName("stream");
        FluentActions.Invoking(() => SafetensorsWriter.Write(new MemoryStream(), null!)).Should().Throw<ArgumentNullException>().WithParameterName("tensors");
        FluentActions.Invoking(() => SafetensorsWriter.Write(new MemoryStream(), [w, null!])).Should().Throw<ArgumentNullException>().WithParameterName("tensors");
        FluentActions.Invoking(() => SafetensorsWriter.Write(new MemoryStream(), [w, w])).Should().Throw<ArgumentException>().WithMessage("'tensors' must have unique names other than __metadata__; got 'w' twice or as a name.*");
        FluentActions.Invoking(() => SafetensorsWriter.Write(new MemoryStream(), [new NamedTensor("__metadata__", new TensorShape(1), [1])])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => SafetensorsWriter.WriteFile(string.Empty, [w])).Should().Throw<ArgumentException>().WithParameterName("path");
        FluentActions.Invoking(() => SafetensorsWriter.WriteFile("x", null!)).Should().Throw<ArgumentNullException>().WithParameterName("tensors");
    }

    [Fact]
    public void ReadWeights_OtherEncodings_AreWidenedOrNarrowedToFloat32()
    {
        // F64 1.5 and -0.25; F16 0x3C00 = 1, 0xC000 = -2, 0x0001 = 2^-24 (subnormal), 0x7C00 = +inf; BF16 0x3F80 = 1, 0xC0A0 = -5.
        byte[] file = Safetensors(
            ("d", "F64", [2], BitConverter.GetBytes(1.5).Concat(BitConverter.GetBytes(-0.25)).ToArray()),
            ("h", "F16", [4], [0x00, 0x3C, 0x00, 0xC0, 0x01, 0x00, 0x00, 0x7C]),
            ("b", "BF16", [2], [0x80, 0x3F, 0xA0, 0xC0]),
            ("i", "I64", [1], new byte[8]),
            ("z", "F16", [2], [0x00, 0x80, 0x01, 0x7C]));

        IReadOnlyList<NamedTensor> tensors = SafetensorsReader.ReadWeights(new MemoryStream(file));

        tensors.Select(t => t.Name).Should().Equal("d", "h", "b", "z");
        tensors[0].Values.ToArray().Should().Equal(1.5f, -0.25f);
        tensors[1].Values.ToArray().Should().Equal(1f, -2f, MathF.Pow(2, -24), float.PositiveInfinity);
        tensors[2].Values.ToArray().Should().Equal(1f, -5f);
        float[] signed = tensors[3].Values.ToArray();
        BitConverter.SingleToInt32Bits(signed[0]).Should().Be(unchecked((int)0x80000000), "-0 keeps its sign");
        float.IsNaN(signed[1]).Should().BeTrue();
    }

    [Fact]
    public void ReadWeights_DataClaimedBeyondTheFile_IsRefusedBeforeAllocating()
    {
        // The header claims a tensor of 2^27 floats (512 MiB) but no data follows.
        byte[] file = Header("{\"w\":{\"dtype\":\"F32\",\"shape\":[134217728],\"data_offsets\":[0,536870912]}}");
        long before = GC.GetAllocatedBytesForCurrentThread();

        FluentActions.Invoking(() => SafetensorsReader.ReadWeights(new MemoryStream(file))).Should().Throw<ModelFormatException>()
            .WithMessage("*data_offsets*expected 0 ≤ begin ≤ end ≤ 0*");
        FluentActions.Invoking(() => SafetensorsReader.ReadWeights(new NonSeekableStream(file), new ModelReaderOptions { MaxWeightBytes = long.MaxValue })).Should().Throw<ModelFormatException>()
            .WithMessage("*the file ends*");
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(16L * 1024 * 1024);
    }

    [Fact]
    public void ReadWeights_Limits_NameTheirOption()
    {
        byte[] file = Safetensors(("a", "F32", [4], new byte[16]), ("b", "F32", [4], new byte[16]));

        FluentActions.Invoking(() => SafetensorsReader.ReadWeights(new MemoryStream(file), new ModelReaderOptions { MaxWeightBytes = 20 })).Should().Throw<ModelFormatException>()
            .WithMessage("*more than the 20 bytes ModelReaderOptions.MaxWeightBytes allows*");
        FluentActions.Invoking(() => SafetensorsReader.ReadWeights(new MemoryStream(file), new ModelReaderOptions { MaxTensors = 1 })).Should().Throw<ModelFormatException>()
            .WithMessage("*more than the 1 tensors ModelReaderOptions.MaxTensors allows*");
        FluentActions.Invoking(() => SafetensorsReader.ReadWeights(new MemoryStream(file), new ModelReaderOptions { MaxDocumentBytes = 16 })).Should().Throw<ModelFormatException>()
            .WithMessage("*ModelReaderOptions.MaxDocumentBytes allows*");
        byte[] longName = Safetensors((new string('n', 40), "F32", [1], new byte[4]));
        FluentActions.Invoking(() => SafetensorsReader.ReadWeights(new MemoryStream(longName), new ModelReaderOptions { MaxNameLength = 39 })).Should().Throw<ModelFormatException>()
            .WithMessage("*more than the 39 ModelReaderOptions.MaxNameLength allows*");
        new ModelReaderOptions().MaxWeightBytes.Should().Be(256L * 1024 * 1024);
        FluentActions.Invoking(() => new ModelReaderOptions { MaxWeightBytes = -1 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MaxWeightBytes");
    }

    [Fact]
    public void ReadWeights_HeaderLongerThanTheFile_AndOverlapOnAForwardOnlyStream_AreRefused()
    {
        byte[] truncated = [.. BitConverter.GetBytes(1000UL), .. "{}"u8];
        FluentActions.Invoking(() => SafetensorsReader.ReadWeights(new MemoryStream(truncated))).Should().Throw<ModelFormatException>().WithMessage("*header size is 1000 bytes but only 2 bytes follow*");

        byte[] overlapping = Header("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}").Concat(new byte[8]).ToArray();
        SafetensorsReader.ReadWeights(new MemoryStream(overlapping)).Should().HaveCount(2, "a seekable stream reads each tensor where it is");
        FluentActions.Invoking(() => SafetensorsReader.ReadWeights(new NonSeekableStream(overlapping))).Should().Throw<ModelFormatException>()
            .WithMessage("*starts at 4, inside the tensor before it (which ends at 8)*");
        FluentActions.Invoking(() => SafetensorsReader.ReadWeights(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => SafetensorsReader.ReadWeightsFile(string.Empty)).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void ReadWeights_GapsOnAForwardOnlyStream_AreSkipped()
    {
        byte[] gap = Header("{\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}")
            .Concat(BitConverter.GetBytes(1f)).Concat(new byte[4]).Concat(BitConverter.GetBytes(2f)).ToArray();

        IReadOnlyList<NamedTensor> tensors = SafetensorsReader.ReadWeights(new NonSeekableStream(gap));

        tensors.Select(t => (t.Name, t.Values.ToArray()[0])).Should().Equal(("b", 2f), ("a", 1f));
    }

    private static byte[] Safetensors(params (string Name, string DataType, long[] Shape, byte[] Data)[] tensors)
    {
        var header = new StringBuilder("{");
        long offset = 0;
        foreach (var t in tensors)
        {
            header.Append(header.Length > 1 ? "," : string.Empty).Append('"').Append(t.Name).Append("\":{\"dtype\":\"").Append(t.DataType)
                .Append("\",\"shape\":[").Append(string.Join(",", t.Shape)).Append("],\"data_offsets\":[").Append(offset).Append(',').Append(offset + t.Data.Length).Append("]}");
            offset += t.Data.Length;
        }

        return Header(header.Append('}').ToString()).Concat(tensors.SelectMany(t => t.Data)).ToArray();
    }

    private static byte[] Header(string json)
    {
        byte[] text = Encoding.UTF8.GetBytes(json);
        return BitConverter.GetBytes((ulong)text.Length).Concat(text).ToArray();
    }
}
