using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using FluentAssertions;
using RecurrentParams.Import.Hdf5;
using RecurrentParams.Import.Onnx;
using RecurrentParams.Import.Tests.Hdf5;
using RecurrentParams.Import.Tests.Onnx;
using Xunit;

namespace RecurrentParams.Import.Tests.Robustness;

/// <summary>
/// One test per class of defect issue 10 lists, on seekable and forward-only streams: the exception type and message, and
/// what the read cost (under 2 s and 64 MiB allocated, measured with <see cref="GC.GetAllocatedBytesForCurrentThread"/>).
/// </summary>
public sealed class HostileInputTests
{
    private const long Budget = 64L * 1024 * 1024;

    public static TheoryData<bool> Streams => [false, true];

    // 1. Numbers taken from names drive the work.

    [Theory]
    [MemberData(nameof(Streams))]
    public void Safetensors_AbsurdLayerIndexInAName_IsAnAmbiguousModuleAtNoCost(bool forwardOnly)
    {
        byte[] file = Safetensors("""{"lstm.weight_ih_l0":{"dtype":"F32","shape":[16,5],"data_offsets":[0,320]},"lstm.weight_hh_l0":{"dtype":"F32","shape":[16,4],"data_offsets":[320,576]},"lstm.weight_ih_l999999":{"dtype":"F32","shape":[16,4],"data_offsets":[576,832]}}""", 832);

        (ImportedModel? model, Exception? error, long allocated, TimeSpan elapsed) = Measure(s => SafetensorsReader.Read(s), file, forwardOnly);

        error.Should().BeNull();
        allocated.Should().BeLessThan(1024 * 1024);
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
        RecoveredModule module = model!.Recovered.Single();
        module.IsAmbiguous.Should().BeTrue();
        module.Ambiguity.Should().Be("the names carry layer indices l0, l999999, which are not 0 to 1 without a gap; a stack of 2 layers names them l0 to l1");
        model.Summary.TotalParams.Should().Be(16 * 5 + 16 * 4 + 16 * 4);
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void Onnx_AbsurdLayerIndexInAnInitializerName_IsAnAmbiguousModuleAtNoCost(bool forwardOnly)
    {
        byte[] file = OnnxFiles.Model(graph =>
        {
            OnnxFiles.Tensor(graph, 5, "weight_ih_l0", [16, 5]);
            OnnxFiles.Tensor(graph, 5, "weight_hh_l0", [16, 4]);
            OnnxFiles.Tensor(graph, 5, "weight_ih_l999999", [16, 4]);
        });

        (ImportedModel? model, Exception? error, long allocated, TimeSpan elapsed) = Measure(s => OnnxModelReader.Read(s), file, forwardOnly);

        error.Should().BeNull();
        allocated.Should().BeLessThan(1024 * 1024);
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
        model!.Recovered.Single().Ambiguity.Should().StartWith("the names carry layer indices l0, l999999");
    }

    // 2. Untyped exceptions escape.

    [Theory]
    [InlineData("""{"class_name": "Sequential", "config": {"name": "\udc00", "layers": []}}""", "\"\\udc00\"", "string")]
    [InlineData("""{"class_name": "Sequential", "config": {"\udc00": 1, "layers": []}}""", "\"\\udc00\"", "property name")]
    [InlineData("""{"class_name": "Sequential", "config": {"name": "a\ud800b", "layers": []}}""", "\"a\\ud800b\"", "string")]
    public void KerasJson_EscapedLoneSurrogate_IsRefusedWhereItIs(string json, string token, string what)
    {
        foreach (bool forwardOnly in new[] { false, true })
        {
            (_, Exception? error, long allocated, _) = Measure(s => KerasModelReader.Read(s), Encoding.UTF8.GetBytes(json), forwardOnly);

            error.Should().BeOfType<ModelFormatException>().Which.Message.Should().Be(
                "At the JSON document, byte " + json.IndexOf(token, StringComparison.Ordinal) + ": a " + what
                + " escapes text that is not valid UTF-16 (a lone surrogate such as \\udc00); names and strings must be Unicode text");
            allocated.Should().BeLessThan(1024 * 1024);
        }
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void Safetensors_EscapedLoneSurrogateInATensorName_IsRefused(bool forwardOnly)
    {
        byte[] file = Safetensors("""{"lstm.\udc00":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 8);

        (_, Exception? error, _, _) = Measure(s => SafetensorsReader.Read(s), file, forwardOnly);

        error.Should().BeOfType<ModelFormatException>().Which.Message.Should().StartWith("At the header (byte 8), byte 1: a property name escapes text that is not valid UTF-16");
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void Tfjs_EscapedLoneSurrogateInAManifestName_IsRefused(bool forwardOnly)
    {
        string json = File.ReadAllText(Fixtures.PathOf("tfjs", "seq-emb-lstm-dense.model.json")).Replace("\"emb/embeddings\"", "\"emb/\\udc00\"", StringComparison.Ordinal);
        int name = json.IndexOf("\"emb/\\udc00\"", StringComparison.Ordinal);
        name.Should().BeGreaterThan(0);

        (_, Exception? error, _, _) = Measure(s => TfjsModelReader.Read(s), Encoding.UTF8.GetBytes(json), forwardOnly);

        error.Should().BeOfType<ModelFormatException>().Which.Message.Should().StartWith("At the JSON document, byte " + name + ": a string escapes text that is not valid UTF-16");
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void KerasJson_EmptyClassName_IsAModelFormatException(bool forwardOnly)
    {
        string json = File.ReadAllText(Fixtures.PathOf("keras3", "blog-simplernn.json")).Replace("\"class_name\": \"SimpleRNN\"", "\"class_name\": \"\"", StringComparison.Ordinal);

        (_, Exception? error, _, _) = Measure(s => KerasModelReader.Read(s), Encoding.UTF8.GetBytes(json), forwardOnly);

        error.Should().BeOfType<ModelFormatException>().Which.Message.Should().Be("At $.config.layers[1].class_name: expected a layer class name but found an empty string");
    }

    // 3. Claimed sizes are allocated before they are read.

    [Theory]
    [InlineData(60_000_000UL, false, "At byte 0: the header size is 60000000 bytes but only 0 bytes follow")]
    [InlineData(60_000_000UL, true, "At byte 8: the file ends; 60000000 more bytes were expected")]
    [InlineData(100_000_000UL, true, "At byte 0: the header claims 100,000,000 bytes: more than the 67,108,864 bytes ModelReaderOptions.MaxDocumentBytes allows (raise it for a file you trust)")]
    public void Safetensors_EightBytesClaimingAHugeHeader_CostsWhatArrives(ulong claim, bool forwardOnly, string message)
    {
        byte[] file = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(file, claim);

        (_, Exception? error, long allocated, TimeSpan elapsed) = Measure(s => SafetensorsReader.Read(s), file, forwardOnly);

        error.Should().BeOfType<ModelFormatException>().Which.Message.Should().Be(message);
        allocated.Should().BeLessThan(256 * 1024);
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Safetensors_HeaderClaimRaisedByTheOption_IsReadInChunksAsItArrives()
    {
        byte[] file = new byte[8 + 1000];
        BinaryPrimitives.WriteUInt64LittleEndian(file, 80_000_000);
        var options = new ModelReaderOptions { MaxDocumentBytes = 100_000_000 };

        (_, Exception? error, long allocated, _) = Measure(s => SafetensorsReader.Read(s, options), file, forwardOnly: true);

        error.Should().BeOfType<ModelFormatException>().Which.Message.Should().Be("At byte 1008: the file ends; 79999000 more bytes were expected");
        allocated.Should().BeLessThan(256 * 1024);
    }

    // 4. HDF5 claims.

    [Theory]
    [MemberData(nameof(Streams))]
    public void Hdf5_ObjectHeaderClaimingGigabytes_IsRefusedBeforeAnythingIsAllocated(bool forwardOnly)
    {
        byte[] file = Fixtures.Bytes("h5", "weights-tfkeras-seq-gru1.h5");
        long root = RootObjectHeader(file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan((int)root + 8), 0x7FFF_FFF0); // object header v1: the size of its messages

        (_, Exception? error, long allocated, TimeSpan elapsed) = Measure(s => KerasHdf5Reader.Read(s), file, forwardOnly);

        error.Should().BeOfType<ModelFormatException>().Which.Message.Should().Be($"At byte {root + 16}: an object header's messages claims 2147483632 bytes at byte {root + 16}, but the file holds {file.Length - root - 16} bytes there");
        allocated.Should().BeLessThan(1024 * 1024 + (forwardOnly ? 2L * file.Length : 0));
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void Hdf5_KeptInputsThatMadePureHdfAllocateGigabytes_CostTheirBytes(bool forwardOnly)
    {
        foreach (string path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "h5-hostile")))
        {
            byte[] file = File.ReadAllBytes(path);

            (_, Exception? error, long allocated, TimeSpan elapsed) = Measure(s => KerasHdf5Reader.Read(s), file, forwardOnly);

            (error is null or ModelFormatException).Should().BeTrue(Path.GetFileName(path) + " threw " + error);
            allocated.Should().BeLessThan((5L * file.Length) + (2L * 1024 * 1024), Path.GetFileName(path));
            elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
        }
    }

    // 5. Compression bombs.

    [Theory]
    [MemberData(nameof(Streams))]
    public void KerasArchive_DeflatedWeightsOf250MiB_AreNotInflatedAndTheSummarySaysWhy(bool forwardOnly)
    {
        byte[] archive = Bomb(250, lie: false);

        (ImportedModel? model, Exception? error, long allocated, TimeSpan elapsed) = Measure(s => KerasHdf5Reader.ReadArchive(s), archive, forwardOnly);

        error.Should().BeNull();
        model!.StoredParams.Should().BeNull();
        model.Metadata["weights"].Should().Be("not cross-checked: model.weights.h5 is compressed and 262,144,000 bytes once inflated, more than the 67,108,864 bytes ModelReaderOptions.MaxInflatedBytes allows to inflate in memory (Keras stores it uncompressed)");
        allocated.Should().BeLessThan(Budget);
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void KerasArchive_BombDeclaringOneMebibyte_StopsInflatingThere(bool forwardOnly)
    {
        byte[] archive = Bomb(250, lie: true);

        (_, Exception? error, long allocated, TimeSpan elapsed) = Measure(s => KerasHdf5Reader.ReadArchive(s), archive, forwardOnly);

        // System.IO.Compression stops inflating at the declared size, so the HDF5 reader sees 1 MiB of zeros.
        error.Should().BeOfType<ModelFormatException>().Which.Message.Should().Be("At model.weights.h5, byte 0: expected an HDF5 file (the signature \\x89HDF\\r\\n\\x1a\\n at byte 0, 512, 1024, ...) but found none");
        allocated.Should().BeLessThan(8L * 1024 * 1024);
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void KerasArchive_MaxInflatedBytesZero_NeverInflates()
    {
        byte[] archive = Fixtures.Bytes("keras-archive", "simplernn-deflated.keras");

        ImportedModel model = KerasHdf5Reader.ReadArchive(new MemoryStream(archive), new ModelReaderOptions { MaxInflatedBytes = 0 });

        model.StoredParams.Should().BeNull();
        model.Metadata["weights"].Should().StartWith("not cross-checked: model.weights.h5 is compressed and 13,856 bytes once inflated, more than the 0 bytes ModelReaderOptions.MaxInflatedBytes allows");
    }

    // 6. Accepted, then broken.

    [Fact]
    public void KerasJson_CountsThatFitButBytesThatDoNot_AreRefusedAtReadTime()
    {
        string json = """
            {"class_name": "Sequential", "config": {"name": "big", "layers": [
              {"class_name": "InputLayer", "config": {"batch_shape": [null, 3], "name": "in"}},
              {"class_name": "Embedding", "config": {"name": "e", "input_dim": 2147483647, "output_dim": 2147483647}}]}}
            """;

        Action parse = () => KerasModelReader.Parse(json);

        parse.Should().Throw<ModelFormatException>().WithMessage("At $: The model's counts fit in 64-bit integers, but a statistic its Keras3 summary prints (a byte size, mult-adds or a memory estimate) does not.");
    }

    [Theory]
    [InlineData("[0, 4294967296, 4294967296]")]
    [InlineData("[4294967296, 4294967296, 0]")]
    [InlineData("[4294967296, 0, 4294967296]")]
    public void Tfjs_ZeroAnywhereInAShape_IsZeroElementsWhateverTheOrder(string shape)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Fixtures.PathOf("tfjs", "seq-emb-lstm-dense.model.json")))!;
        root["weightsManifest"]![0]!["weights"]![0]!["shape"] = System.Text.Json.Nodes.JsonNode.Parse(shape);

        ImportedModel model = TfjsModelReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(root.ToJsonString())));

        model.Tensors.Single(t => t.Name == "emb/embeddings").ElementCount.Should().Be(0);
        model.Tensors.Single(t => t.Name == "emb/embeddings").Shape.ToString().Should().Be(shape.Replace("[", "(", StringComparison.Ordinal).Replace("]", ")", StringComparison.Ordinal));
        foreach (SummaryFormat format in new[] { SummaryFormat.Keras3, SummaryFormat.Keras2, SummaryFormat.Markdown, SummaryFormat.Json })
        {
            model.Summary.Render(format).Should().NotBeEmpty();
        }
    }

    [Fact]
    public void Safetensors_ElementsThatFitButBytesThatDoNot_AreRefusedAtReadTime()
    {
        // 2^62 four-bit elements are 2^61 bytes: the offsets fit, the count fits, its byte size (x4 for float32 in the
        // summaries) does not. A forward-only stream cannot show the data is missing, so only the summary can refuse it.
        byte[] file = Safetensors("""{"w":{"dtype":"F4","shape":[4611686018427387904],"data_offsets":[0,2305843009213693952]}}""", 0);

        (_, Exception? error, _, _) = Measure(s => SafetensorsReader.Read(s), file, forwardOnly: true);

        error.Should().BeOfType<ModelFormatException>().Which.Message.Should().StartWith("At the header (byte 8): the tensors' element count, or a statistic of the summary, does not fit in a 64-bit integer: The model's counts fit in 64-bit integers, but a statistic its Torchinfo summary prints");
    }

    private static (ImportedModel? Model, Exception? Error, long Allocated, TimeSpan Elapsed) Measure(Func<Stream, ImportedModel> read, byte[] bytes, bool forwardOnly)
    {
        using Stream stream = forwardOnly ? new NonSeekableStream(bytes) : new MemoryStream(bytes, writable: false);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        try
        {
            ImportedModel model = read(stream);
            return (model, null, GC.GetAllocatedBytesForCurrentThread() - before, clock.Elapsed);
        }
        catch (Exception e)
        {
            return (null, e, GC.GetAllocatedBytesForCurrentThread() - before, clock.Elapsed);
        }
    }

    private static byte[] Safetensors(string header, int dataBytes)
    {
        byte[] text = Encoding.UTF8.GetBytes(header);
        byte[] file = new byte[8 + text.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)text.Length);
        text.CopyTo(file, 8);
        return file;
    }

    /// <summary>The root group's object header address of a superblock version 0 file (8-byte offsets): in its root symbol table entry.</summary>
    private static long RootObjectHeader(byte[] file) => (long)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(24 + (4 * 8) + 8));

    /// <summary>A .keras archive (a real one's config.json and metadata.json) whose model.weights.h5 is megabytes of deflated zeros.</summary>
    private static byte[] Bomb(int megabytes, bool lie)
    {
        using var source = new ZipArchive(new MemoryStream(Fixtures.Bytes("keras3", "blog-simplernn.keras")), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (ZipArchiveEntry entry in source.Entries.Where(e => e.FullName != "model.weights.h5"))
            {
                using Stream from = entry.Open();
                using Stream to = zip.CreateEntry(entry.FullName).Open();
                from.CopyTo(to);
            }

            using Stream bomb = zip.CreateEntry("model.weights.h5", CompressionLevel.Fastest).Open();
            byte[] zeros = new byte[1024 * 1024];
            for (int k = 0; k < megabytes; k++)
            {
                bomb.Write(zeros);
            }
        }

        byte[] bytes = output.ToArray();
        if (lie)
        {
            ZipBytes.U32(bytes, ZipBytes.Central(bytes, "model.weights.h5") + 24, 1024 * 1024);
            ZipBytes.U32(bytes, ZipBytes.Local(bytes, "model.weights.h5") + 22, 1024 * 1024);
        }

        return bytes;
    }
}
