using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using RecurrentParams.Import.Hdf5;
using Xunit;

namespace RecurrentParams.Import.Tests.Hdf5;

/// <summary>
/// A .keras archive's topology cross-checked against its model.weights.h5: the two real Keras 3.16 saves, and the h5py-made
/// variants of Fixtures/keras-archive (tools/oracles/files/keras_archive_files.py) whose manifest counted the datasets.
/// </summary>
public sealed class KerasArchiveWeightsTests
{
    private const string Weights = "model.weights.h5";

    /// <summary>What one read of these tens-of-KB archives may allocate.</summary>
    private const long AllocationBudget = 4L * 1024 * 1024;

    public static TheoryData<string> Variants => Fixtures.Ids("keras-archive", row => !row.GetProperty("id").GetString()!.StartsWith("hostile", StringComparison.Ordinal));

    [Theory]
    [InlineData("custom-with-weights")]
    [InlineData("custom-without-weights")]
    [InlineData("nested-sequential")]
    [InlineData("frozen-lstm-dense")]
    public void ReadArchiveFile_Keras3FamilyModel_MatchesKerasWithEveryLayerCounted(string id)
    {
        // Keras 3.16 (keras3-models-more): the custom layers' rows are counted from model.weights.h5, whose groups Keras
        // names by class (layers/attention_pooling, layers/dense for the Dense named "out"); the weightless Scale holds
        // none of the stored weights, which the topology's other rows account for exactly.
        JsonElement truth = Fixtures.Manifest("keras3-more")[id];

        ImportedModel model = KerasHdf5Reader.ReadArchiveFile(Fixtures.PathOf("keras3-more", id + ".keras"));

        model.Summary.IsLowerBound.Should().BeFalse();
        model.CountsAgree.Should().BeTrue();
        model.Summary.TotalParams.Should().Be(truth.GetProperty("reloaded").Long("params"));
        model.Summary.TrainableParams.Should().Be(truth.GetProperty("reloaded").Long("trainable"));
        model.UnsupportedLayers.Select(l => l.ClassName).Should().Equal(id switch
        {
            "custom-with-weights" => ["AttentionPooling"],
            "custom-without-weights" => ["Scale"],
            _ => Array.Empty<string>(),
        });
    }

    [Fact]
    public void ReadArchiveFile_CustomLayer_IsCountedFromItsStoredWeights()
    {
        ImportedModel model = KerasHdf5Reader.ReadArchiveFile(Fixtures.PathOf("keras3-more", "custom-with-weights.keras"));

        LayerSummary row = model.Summary.Rows.Single(r => r.Name == "attention_pooling");
        row.CountBasis.Should().Be(CountBasis.StoredWeights);
        row.Weights.Select(w => w.Path + " " + w.Shape).Should().Equal("layers/attention_pooling/vars/0 (8, 1)", "layers/attention_pooling/vars/1 (10, 1)");
        row.OutputShape.IsKnown.Should().BeFalse();
        // The Dense after it is counted from its configuration on the shape Keras 3 recorded for its input; the stored
        // weights agree with that count.
        model.Summary.Rows.Single(r => r.Name == "out").CountBasis.Should().Be(CountBasis.Configuration);
        model.CountsAgree.Should().BeTrue();
    }

    [Fact]
    public void ReadArchiveFile_SimpleRnn_CrossChecksTheWeightDatasets()
    {
        string path = Fixtures.PathOf("keras3", "blog-simplernn.keras");

        ImportedModel model = KerasHdf5Reader.ReadArchiveFile(path);

        model.Format.Should().Be(ModelFileFormat.KerasArchive);
        model.StoredParams.Should().Be(40);
        model.CountsAgree.Should().BeTrue();
        model.Tensors.Select(t => t.ToString()).Should().Equal(
            "layers/simple_rnn/cell/vars/0 float32 (5, 4)", "layers/simple_rnn/cell/vars/1 float32 (4, 4)", "layers/simple_rnn/cell/vars/2 float32 (4,)");
        ImportedModel topology = KerasArchiveReader.ReadFile(path);
        model.Summary.Should().Be(topology.Summary);
        model.Metadata.Should().Equal(topology.Metadata);
    }

    [Fact]
    public void ReadArchiveFile_BidirectionalLstm_CountsTheNestedCells()
    {
        string path = Fixtures.PathOf("keras3", "seq-emb-bilstm.keras");

        ImportedModel model = KerasHdf5Reader.ReadArchiveFile(path);

        model.StoredParams.Should().Be(4_099);
        model.Summary.TotalParams.Should().Be(Fixtures.Manifest("keras3")["seq-emb-bilstm"].Long("params"));
        model.CountsAgree.Should().BeTrue();
        model.Tensors.Select(t => (t.Name, t.ElementCount)).Should().Equal(
            ("layers/bidirectional/backward_layer/cell/vars/0", 512L),
            ("layers/bidirectional/backward_layer/cell/vars/1", 1_024L),
            ("layers/bidirectional/backward_layer/cell/vars/2", 64L),
            ("layers/bidirectional/forward_layer/cell/vars/0", 512L),
            ("layers/bidirectional/forward_layer/cell/vars/1", 1_024L),
            ("layers/bidirectional/forward_layer/cell/vars/2", 64L),
            ("layers/dense/vars/0", 96L),
            ("layers/dense/vars/1", 3L),
            ("layers/embedding/vars/0", 800L));
        model.Summary.Should().Be(KerasArchiveReader.ReadFile(path).Summary);
    }

    [Theory]
    [InlineData("blog-simplernn.keras")]
    [InlineData("seq-emb-bilstm.keras")]
    public void ReadArchive_SeekableAndNonSeekableStreams_GiveWhatTheFileGives(string file)
    {
        byte[] bytes = Fixtures.Bytes("keras3", file);
        ImportedModel expected = KerasHdf5Reader.ReadArchiveFile(Fixtures.PathOf("keras3", file));

        ImportedModel seekable = KerasHdf5Reader.ReadArchive(new MemoryStream(bytes, writable: false));
        using var forwardOnly = new NonSeekableStream(bytes);
        ImportedModel buffered = KerasHdf5Reader.ReadArchive(forwardOnly);

        foreach (ImportedModel model in new[] { seekable, buffered })
        {
            model.Summary.Should().Be(expected.Summary);
            model.Tensors.Should().Equal(expected.Tensors);
            model.StoredParams.Should().Be(expected.StoredParams);
            model.Metadata.Should().Equal(expected.Metadata);
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void ReadArchiveFile_Variants_MatchTheDatasetsH5pyCounted(string id)
    {
        JsonElement truth = Fixtures.Manifest("keras-archive")[id];
        long before = GC.GetAllocatedBytesForCurrentThread();

        ImportedModel model = KerasHdf5Reader.ReadArchiveFile(Fixtures.PathOf("keras-archive", id + ".keras"));

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(AllocationBudget);
        model.Format.Should().Be(ModelFileFormat.KerasArchive);
        model.Summary.TotalParams.Should().Be(truth.Long("params"));
        JsonElement stored = truth.GetProperty("datasetElements");
        model.StoredParams.Should().Be(stored.ValueKind == JsonValueKind.Null ? null : stored.GetInt64());
        model.CountsAgree.Should().Be(stored.ValueKind == JsonValueKind.Null || stored.GetInt64() == truth.Long("params"));
        model.Metadata.ContainsKey("weights").Should().Be(stored.ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public void ReadArchiveFile_DatasetRemoved_ReportsBothCounts()
    {
        ImportedModel model = KerasHdf5Reader.ReadArchiveFile(Fixtures.PathOf("keras-archive", "simplernn-missing-bias.keras"));

        model.CountsAgree.Should().BeFalse();
        model.Summary.TotalParams.Should().Be(40);
        model.StoredParams.Should().Be(36);
        model.Tensors.Select(t => t.Name).Should().Equal("layers/simple_rnn/cell/vars/0", "layers/simple_rnn/cell/vars/1");
    }

    [Fact]
    public void ReadArchiveFile_OptimizerVariables_AreNotModelParameters()
    {
        ImportedModel model = KerasHdf5Reader.ReadArchiveFile(Fixtures.PathOf("keras-archive", "simplernn-optimizer.keras"));

        Fixtures.Manifest("keras-archive")["simplernn-optimizer"].Long("optimizerElements").Should().Be(82);
        model.StoredParams.Should().Be(40);
        model.CountsAgree.Should().BeTrue();
        model.Tensors.Should().OnlyContain(t => t.Name.StartsWith("layers/", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadArchiveFile_ModelLevelVariable_IsCounted()
    {
        ImportedModel model = KerasHdf5Reader.ReadArchiveFile(Fixtures.PathOf("keras-archive", "simplernn-model-var.keras"));

        model.StoredParams.Should().Be(42);
        model.CountsAgree.Should().BeFalse();
        model.Tensors[^1].ToString().Should().Be("vars/0 float32 (2,)");
    }

    [Theory]
    [InlineData("simplernn-deflated.keras")]
    [InlineData("simplernn-zip64.keras")]
    public void ReadArchiveFile_DeflatedOrZip64_ReadsTheSameDatasets(string file)
    {
        ImportedModel real = KerasHdf5Reader.ReadArchiveFile(Fixtures.PathOf("keras3", "blog-simplernn.keras"));

        ImportedModel model = KerasHdf5Reader.ReadArchiveFile(Fixtures.PathOf("keras-archive", file));

        model.Tensors.Should().Equal(real.Tensors);
        model.StoredParams.Should().Be(40);
        model.Metadata.Should().Equal(real.Metadata);
    }

    [Fact]
    public void ReadArchiveFile_NoWeightsEntry_SummarizesWithoutTheCrossCheck()
    {
        ImportedModel model = KerasHdf5Reader.ReadArchiveFile(Fixtures.PathOf("keras-archive", "simplernn-no-weights.keras"));

        model.StoredParams.Should().BeNull();
        model.CountsAgree.Should().BeTrue();
        model.Summary.TotalParams.Should().Be(40);
        model.Metadata["weights"].Should().Be("not cross-checked: the archive has no model.weights.h5");
    }

    [Fact]
    public void ReadArchive_CompressedEntryOverMaxInflatedBytes_IsNotInflated()
    {
        byte[] bytes = Fixtures.Bytes("keras-archive", "simplernn-deflated.keras");
        const uint claim = 300u * 1024 * 1024;
        ZipBytes.U32(bytes, ZipBytes.Central(bytes, Weights) + 24, claim);
        ZipBytes.U32(bytes, ZipBytes.Local(bytes, Weights) + 22, claim);

        ImportedModel model = Read(bytes);

        model.StoredParams.Should().BeNull();
        model.Summary.TotalParams.Should().Be(40);
        model.Metadata["weights"].Should().Be("not cross-checked: model.weights.h5 is compressed and 314,572,800 bytes once inflated, more than the 67,108,864 bytes ModelReaderOptions.MaxInflatedBytes allows to inflate in memory (Keras stores it uncompressed)");
    }

    [Theory]
    [InlineData(12, 0, "uses compression method 12; only stored (0) and deflated (8, 9) entries are read")]
    [InlineData(8, 1, "model.weights.h5 is encrypted")]
    public void ReadArchive_EntryThatCannotBeRead_IsNotCrossChecked(int method, int flags, string why)
    {
        byte[] bytes = Fixtures.Bytes("keras-archive", "simplernn-deflated.keras");
        int central = ZipBytes.Central(bytes, Weights);
        int local = ZipBytes.Local(bytes, Weights);
        ZipBytes.U16(bytes, central + 8, flags);
        ZipBytes.U16(bytes, central + 10, method);
        ZipBytes.U16(bytes, local + 6, flags);
        ZipBytes.U16(bytes, local + 8, method);

        ImportedModel model = Read(bytes);

        model.StoredParams.Should().BeNull();
        model.Metadata["weights"].Should().EndWith(why);
    }

    public static TheoryData<string, string> Hostile => new()
    {
        { "truncated to 100 bytes", "At the archive's end of central directory: expected the end of central directory record*truncated or not a zip" },
        { "truncated by one byte", "At the archive's end of central directory: expected the end of central directory record*" },
        { "truncated to 10 bytes", "At the archive's end of central directory: the archive is 10 bytes*" },
        { "directory offset past the end", "At the archive's central directory: the end record puts the directory at byte 1000000*past the end records*" },
        { "directory larger than the archive", "At the archive's central directory: the end record puts the directory at byte * with 4294967294 bytes*" },
        { "end record alone, counting 0xFFFF entries", "At the archive's central directory: header 0 of the 65535 the end record counts would start at byte 0, but the directory ends at byte 0" },
        { "0xFFFF entries without a Zip64 locator", "At the archive: not a valid zip archive*" },
        { "spanned archive", "At the archive's end of central directory: the record at byte * describes disk 1 of a spanned archive*" },
        { "more entries than headers", "At the archive's central directory: header 2 of the 3 the end record counts would start at byte*" },
        { "central signature", "At the archive's central directory: expected central directory header 0 (signature PK\\1\\2) at byte*" },
        { "central name past the directory", "At the archive's central directory: header 2 at byte * declares a 16-byte name, a 65535-byte extra field*" },
        { "local header offset past the end", "At model.weights.h5: the central directory puts the local header at byte 2147483647, past the entries' area*" },
        { "local signature", "At model.weights.h5: expected a local file header (signature PK\\3\\4) at byte 2239*" },
        { "local extra past the end", "At model.weights.h5: the local header at byte 2239 declares a 16-byte name and a 65535-byte extra field, which run past*" },
        { "local name", "At model.weights.h5: the local header at byte 2239 names another entry*" },
        { "local method", "At model.weights.h5: the local header at byte 2239 gives compression method 8, the central directory method 0" },
        { "stored sizes differ", "At model.weights.h5: a stored entry holds as many bytes as it occupies*" },
        { "zip64 extra claiming 2^62 bytes", "At model.weights.h5: the entry's 4611686018427387904 bytes from byte * run past the central directory's start*" },
        { "zip64 extra claiming 2^63 inflated bytes", "At model.weights.h5: the entry claims 9223372036854775808 bytes once inflated, more than a 64-bit offset can address" },
        { "zip64 extra missing", "At model.weights.h5: the central directory header marks 8 bytes of sizes and offset as Zip64 (0xFFFFFFFF), but its Zip64 extra field holds 0" },
        { "zip64 extra overrun", "At model.weights.h5: an extra field (ID 0x0001) of the central directory header claims 60000 bytes; 24 remain" },
        // The APPNOTE has a Zip64 field hold only the values whose header fields are 0xFFFFFFFF; System.IO.Compression
        // reads all three when the field has 28 bytes or more. Where the two readings differ, the archive is refused.
        { "zip64 field read differently by System.IO.Compression", "At model.weights.h5: the central directory header gives 13856 compressed and 13856 uncompressed bytes, but System.IO.Compression reads 2239 and 13856" },
        { "zip64 locator past its end record", "At the archive's end of central directory: the Zip64 locator at byte * puts the Zip64 end record at byte *, where its 56 bytes do not fit*" },
        { "zip64 end signature", "At the archive's end of central directory: expected the Zip64 end of central directory record (signature PK\\6\\6)*" },
        { "not HDF5", "At model.weights.h5, byte 0: expected an HDF5 file (the signature \\x89HDF\\r\\n\\x1a\\n at byte 0, 512, 1024, ...) but found none" },
        { "local heap claiming 32 MiB", "At model.weights.h5, byte *: a local heap's data segment claims 33554520 bytes at byte *, but the file holds * bytes there" },
        // System.IO.Compression stops inflating at the declared size (the HDF5 reader then finds the file cut short);
        // a runtime that did not would have the reader refuse the bytes past it.
        { "deflated entry longer than declared", "At model.weights.h5, byte *: *" },
        { "deflated entry shorter than declared", "At model.weights.h5: the entry inflates to 13856 bytes, but its headers declare 13956" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void ReadArchive_DamagedArchive_ThrowsModelFormatExceptionWithALocation(string damage, string message)
    {
        byte[] bytes = Damaged(damage);
        long before = GC.GetAllocatedBytesForCurrentThread();

        Action read = () => Read(bytes);

        read.Should().Throw<ModelFormatException>().WithMessage(message).Which.Location.Should().NotBeNullOrEmpty();
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(AllocationBudget);
    }

    [Fact]
    public void ReadArchive_DuplicateWeightsEntry_ReadsTheFirstAsSystemIOCompressionDoes()
    {
        // Two entries named model.weights.h5: the directory walk stops at the first, System.IO.Compression's GetEntry
        // returns the first too (were they to differ, the sizes would disagree and the archive be refused).
        (string Name, byte[] Data)[] entries = Entries(Fixtures.Bytes("keras3", "blog-simplernn.keras"));
        byte[] missing = Entries(Fixtures.Bytes("keras-archive", "simplernn-missing-bias.keras")).Single(e => e.Name == Weights).Data;
        using var stream = new MemoryStream();
        ZipBytes.WriteStored(stream, [.. entries, (Weights, missing)]);

        ImportedModel model = Read(stream.ToArray());

        model.StoredParams.Should().Be(40);
    }

    [Fact]
    public void ReadArchive_OneGigabyteWeightsEntry_ReadsOnlyMetadata()
    {
        // The real model.weights.h5 followed, inside the stored entry, by a 1 GiB hole: the entry's bulk is never read.
        string path = Path.Combine(Path.GetTempPath(), "rp-keras-" + Guid.NewGuid().ToString("N") + ".keras");
        try
        {
            using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            {
                ZipBytes.WriteStored(output, Entries(Fixtures.Bytes("keras3", "seq-emb-bilstm.keras")), Weights, 1L << 30);
            }

            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
            using var counting = new CountingStream(file);
            long before = GC.GetAllocatedBytesForCurrentThread();

            ImportedModel model = KerasHdf5Reader.ReadArchive(counting);

            (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(AllocationBudget);
            file.Length.Should().BeGreaterThan(1L << 30);
            counting.BytesRead.Should().BeLessThan(1 << 20);
            model.StoredParams.Should().Be(4_099);
            model.CountsAgree.Should().BeTrue();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadArchive_NotAZipOrNoConfig_ThrowsModelFormatException()
    {
        Action json = () => Read(Fixtures.Bytes("keras3", "blog-simplernn.json"));
        using var stream = new MemoryStream();
        ZipBytes.WriteStored(stream, Entries(Fixtures.Bytes("keras3", "blog-simplernn.keras")).Where(e => e.Name != "config.json").ToArray());
        Action noConfig = () => Read(stream.ToArray());

        json.Should().Throw<ModelFormatException>().Which.Location.Should().Be("the archive's end of central directory");
        noConfig.Should().Throw<ModelFormatException>().WithMessage("*config.json*");
    }

    [Fact]
    public void ReadArchive_BadArguments_Throw()
    {
        Action nullStream = () => KerasHdf5Reader.ReadArchive(null!);
        Action unreadable = () => KerasHdf5Reader.ReadArchive(new UnreadableStream());
        Action nullPath = () => KerasHdf5Reader.ReadArchiveFile(null!);
        Action emptyPath = () => KerasHdf5Reader.ReadArchiveFile(string.Empty);
        Action missing = () => KerasHdf5Reader.ReadArchiveFile(Path.Combine(Path.GetTempPath(), "rp-missing-" + Guid.NewGuid().ToString("N") + ".keras"));

        nullStream.Should().Throw<ArgumentNullException>().WithParameterName("stream");
        unreadable.Should().Throw<ArgumentException>().WithParameterName("stream");
        nullPath.Should().Throw<ArgumentNullException>().WithParameterName("path");
        emptyPath.Should().Throw<ArgumentException>().WithParameterName("path");
        missing.Should().Throw<FileNotFoundException>();
    }

    private static ImportedModel Read(byte[] bytes) => KerasHdf5Reader.ReadArchive(new MemoryStream(bytes, writable: false));

    private static (string Name, byte[] Data)[] Entries(byte[] archive)
    {
        using var zip = new ZipArchive(new MemoryStream(archive, writable: false), ZipArchiveMode.Read);
        return zip.Entries.Select(e =>
        {
            using Stream data = e.Open();
            using var copy = new MemoryStream();
            data.CopyTo(copy);
            return (e.FullName, copy.ToArray());
        }).ToArray();
    }

    /// <summary>blog-simplernn.keras (or a variant) with one record damaged.</summary>
    private static byte[] Damaged(string damage)
    {
        byte[] bytes = Fixtures.Bytes("keras3", "blog-simplernn.keras");
        int end = ZipBytes.End(bytes);
        int central = ZipBytes.Central(bytes, Weights);
        int local = ZipBytes.Local(bytes, Weights);
        switch (damage)
        {
            case "truncated to 100 bytes":
                return bytes[..100];
            case "truncated by one byte":
                return bytes[..^1];
            case "truncated to 10 bytes":
                return bytes[..10];
            case "directory offset past the end":
                ZipBytes.U32(bytes, end + 16, 1_000_000);
                break;
            case "directory larger than the archive":
                ZipBytes.U32(bytes, end + 12, uint.MaxValue - 1);
                break;
            case "end record alone, counting 0xFFFF entries":
                byte[] alone = bytes[end..];
                ZipBytes.U16(alone, 8, ushort.MaxValue);
                ZipBytes.U16(alone, 10, ushort.MaxValue);
                ZipBytes.U32(alone, 12, 0);
                ZipBytes.U32(alone, 16, 0);
                return alone;
            case "0xFFFF entries without a Zip64 locator":
                // The walk takes the 16-bit count as it is and finds the weights; the topology's zip reader then counts 3.
                ZipBytes.U16(bytes, end + 8, ushort.MaxValue);
                ZipBytes.U16(bytes, end + 10, ushort.MaxValue);
                break;
            case "spanned archive":
                ZipBytes.U16(bytes, end + 4, 1);
                break;
            case "more entries than headers":
                // An archive without the weights entry, so that the walk goes through every header the end record counts.
                byte[] noWeights = Fixtures.Bytes("keras-archive", "simplernn-no-weights.keras");
                ZipBytes.U16(noWeights, ZipBytes.End(noWeights) + 10, 3);
                return noWeights;
            case "central signature":
                bytes[(int)BitConverter.ToUInt32(bytes, end + 16)] ^= 0xFF;
                break;
            case "central name past the directory":
                ZipBytes.U16(bytes, central + 30, ushort.MaxValue);
                break;
            case "local header offset past the end":
                ZipBytes.U32(bytes, central + 42, int.MaxValue);
                break;
            case "local signature":
                bytes[local] ^= 0xFF;
                break;
            case "local extra past the end":
                ZipBytes.U16(bytes, local + 28, ushort.MaxValue);
                break;
            case "local name":
                bytes[local + 30] = (byte)'M';
                break;
            case "local method":
                ZipBytes.U16(bytes, local + 8, 8);
                break;
            case "stored sizes differ":
                ZipBytes.U32(bytes, central + 24, BitConverter.ToUInt32(bytes, central + 24) + 1);
                break;
            case "zip64 extra missing":
                ZipBytes.U32(bytes, central + 42, uint.MaxValue);
                break;
            case "not HDF5":
                // The superblock's signature: PureHDF then looks for it at 512, 1024, ... and finds nothing.
                bytes[ZipBytes.Data(bytes, Weights)] ^= 0xFF;
                break;
            case "local heap claiming 32 MiB":
                // As a mutation did: one bit of the last local heap's data segment size (88 bytes) set.
                int data = ZipBytes.Data(bytes, Weights);
                int heap = data + IndexOf(bytes[data..], "HEAP"u8.ToArray());
                while (IndexOf(bytes[(heap + 1)..], "HEAP"u8.ToArray()) is int next and >= 0)
                {
                    heap += 1 + next;
                }

                bytes[heap + 11] ^= 0x02;
                break;
            default:
                return Variant(damage);
        }

        return bytes;
    }

    private static byte[] Variant(string damage)
    {
        if (damage.StartsWith("zip64", StringComparison.Ordinal) && damage != "zip64 extra claiming 2^62 bytes")
        {
            // simplernn-zip64.keras ends with the Zip64 end record (56 bytes), its locator (20) and the end record (22).
            byte[] zip64 = Fixtures.Bytes("keras-archive", "simplernn-zip64.keras");
            int locator = zip64.Length - 22 - 20;

            // The weights' central header (46 bytes), its 16-byte name, a 9-byte timestamp field, the Zip64 field (ID 1, 24 bytes).
            int directory = (int)BitConverter.ToUInt64(zip64, locator - 56 + 48);
            int zip64Field = directory + IndexOf(zip64[directory..], [0x01, 0x00, 0x18, 0x00]);
            int central = zip64Field - 9 - 16 - 46;
            switch (damage)
            {
                case "zip64 locator past its end record":
                    BitConverter.GetBytes((ulong)locator - 10).CopyTo(zip64, locator + 8);
                    break;
                case "zip64 end signature":
                    zip64[locator - 56] ^= 0xFF;
                    break;
                case "zip64 extra claiming 2^63 inflated bytes":
                    // Deflated, so that only the inflated size is out of range.
                    int localHeader = IndexOf(zip64, Encoding.UTF8.GetBytes(Weights)) - 30;
                    ZipBytes.U16(zip64, localHeader + 8, 8);
                    ZipBytes.U16(zip64, central + 10, 8);
                    BitConverter.GetBytes(1UL << 63).CopyTo(zip64, zip64Field + 4);
                    break;
                case "zip64 field read differently by System.IO.Compression":
                    // The uncompressed size in the header, so the field holds the compressed size and the offset, then a
                    // third value and a disk number (28 bytes); a 1-byte field (ID 0xCAFE) fills the timestamp's place.
                    int stored = (int)BitConverter.ToUInt64(zip64, zip64Field + 4);
                    ZipBytes.U32(zip64, central + 24, (uint)stored);
                    byte[] fields = new byte[9 + 28];
                    ZipBytes.U16(fields, 0, 1);
                    ZipBytes.U16(fields, 2, 28);
                    BitConverter.GetBytes((ulong)stored).CopyTo(fields, 4);
                    BitConverter.GetBytes(BitConverter.ToUInt64(zip64, zip64Field + 20)).CopyTo(fields, 12);
                    BitConverter.GetBytes(99UL).CopyTo(fields, 20);
                    ZipBytes.U16(fields, 32, 0xCAFE);
                    ZipBytes.U16(fields, 34, 1);
                    fields.CopyTo(zip64, central + 46 + 16);
                    break;
                default:
                    ZipBytes.U16(zip64, zip64Field + 2, 60_000);
                    break;
            }

            return zip64;
        }

        if (damage == "zip64 extra claiming 2^62 bytes")
        {
            return Fixtures.Bytes("keras-archive", "hostile-zip64-size.keras");
        }

        byte[] deflated = Fixtures.Bytes("keras-archive", "simplernn-deflated.keras");
        uint size = BitConverter.ToUInt32(deflated, ZipBytes.Central(deflated, Weights) + 24);
        uint claim = damage == "deflated entry longer than declared" ? size - 100 : size + 100;
        ZipBytes.U32(deflated, ZipBytes.Central(deflated, Weights) + 24, claim);
        ZipBytes.U32(deflated, ZipBytes.Local(deflated, Weights) + 22, claim);
        return deflated;
    }

    private static int IndexOf(byte[] bytes, byte[] pattern)
    {
        for (int i = 0; i + pattern.Length <= bytes.Length; i++)
        {
            if (bytes.AsSpan(i, pattern.Length).SequenceEqual(pattern))
            {
                return i;
            }
        }

        return -1;
    }

    private sealed class UnreadableStream : MemoryStream
    {
        public override bool CanRead => false;
    }
}
