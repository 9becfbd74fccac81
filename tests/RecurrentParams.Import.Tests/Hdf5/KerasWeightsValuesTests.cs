using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using RecurrentParams.Import.Hdf5;
using RecurrentParams.Porting;
using Xunit;
using Xunit.Abstractions;

namespace RecurrentParams.Import.Tests.Hdf5;

/// <summary>
/// <see cref="KerasWeights"/> reading values through the package's own HDF5 reader: every layout, filter and float type
/// h5py writes (Fixtures/h5-values, tools/oracles/files/h5_values.py; the values are what h5py reads back), and damaged
/// or hostile files refused with <see cref="ModelFormatException"/> at what they cost.
/// </summary>
public sealed class KerasWeightsValuesTests
{
    private const long Budget = 64L * 1024 * 1024;

    private readonly ITestOutputHelper output;

    public KerasWeightsValuesTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    public static TheoryData<string> Datasets => [.. Manifest().GetProperty("datasets").EnumerateArray().Select(d => d.GetProperty("path").GetString()!)];

    public static TheoryData<bool> Streams => [false, true];

    [Theory]
    [MemberData(nameof(Datasets))]
    public void ReadFile_EveryLayoutFilterAndFloatType_ReadsTheValuesH5pyReads(string path)
    {
        JsonElement row = Dataset(path);

        NamedTensor tensor = KerasWeights.ReadFile(Fixtures.PathOf("h5-values", "values.h5")).Single(t => t.Name == path);

        tensor.Shape.Dimensions.Should().Equal(row.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()));
        tensor.Values.ToArray().Should().Equal(row.GetProperty("values").EnumerateArray().Select(v => (float)v.GetDouble()));
    }

    [Fact]
    public void Read_ForwardOnlyStream_ReadsTheSameValues()
    {
        byte[] file = Fixtures.Bytes("h5-values", "values.h5");

        IReadOnlyList<NamedTensor> forward = KerasWeights.Read(new NonSeekableStream(file));

        forward.Select(t => t.Name).Should().Equal(Manifest().GetProperty("datasets").EnumerateArray().Select(d => d.GetProperty("path").GetString()).Order(StringComparer.Ordinal));
        forward.Zip(KerasWeights.Read(new MemoryStream(file))).Should().OnlyContain(p => p.First.Values.ToArray().SequenceEqual(p.Second.Values.ToArray()));
    }

    [Fact]
    public void Read_IntegerDataset_IsNotAWeight()
    {
        IReadOnlyList<NamedTensor> tensors = KerasWeights.Read(new MemoryStream(Fixtures.Bytes("h5-values", "values.h5")));

        tensors.Should().NotContain(t => t.Name.StartsWith("skipped/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("deflate_f4", 0, "deflate", 160)]
    [InlineData("shuffle_f8", 1, "shuffle", 128)]
    public void Read_ChunkStoringFewerBytesThanItsFiltersNeed_IsRefusedBeforeTheValuesAreAllocated(string path, uint stored, string filters, int chunkBytes)
    {
        byte[] file = Fixtures.Bytes("h5-values", "values.h5");
        int key = ChunkKey(file, path, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(key), stored);

        (Exception? error, _) = Measure(file, forwardOnly: false);

        error.Should().BeOfType<ModelFormatException>().Which.Message.Should().Be($"At the file, byte {key}: a chunk of the dataset '{path}' stores {stored} bytes, which its filters ({filters}) cannot turn into the chunk's {chunkBytes} bytes");
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void Read_ChunkClaimingGigabytes_IsRefusedAtTheBytesTheFileHolds(bool forwardOnly)
    {
        byte[] file = Fixtures.Bytes("h5-values", "values.h5");
        JsonElement chunk = Dataset("deflate_f4").GetProperty("chunks")[0];
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(ChunkKey(file, "deflate_f4", 0)), 0x7FFF_FFFF);

        (Exception? error, long allocated) = Measure(file, forwardOnly);

        long address = chunk.GetProperty("address").GetInt64();
        error.Should().BeOfType<ModelFormatException>().Which.Message.Should().Be($"At the file, byte {address}: a chunk of the dataset 'deflate_f4' claims 2147483647 bytes at byte {address}, but the file holds {file.Length - address} bytes there");
        allocated.Should().BeLessThan(Bound(file));
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void Read_DataspaceClaimingBillionsOfElements_CostsTheBytesPresentWhateverTheLimit(bool forwardOnly)
    {
        byte[] file = Fixtures.Bytes("h5-values", "values.h5");
        int dims = Find(file, Dataset("deflate_f4").GetProperty("header").GetInt32(), [.. U64(20), .. U64(12)]);
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(dims), 1UL << 31);

        (Exception? byDefault, long allocated) = Measure(file, forwardOnly);
        (Exception? raised, long allocatedRaised) = Measure(file, forwardOnly, new ModelReaderOptions { MaxWeightBytes = long.MaxValue, MaxInflatedBytes = int.MaxValue });

        byDefault.Should().BeOfType<ModelFormatException>().Which.Message.Should().Contain("the dataset 'deflate_f4' claims 103079215104 bytes of values, and the weights take: more than the 268,435,456 bytes ModelReaderOptions.MaxWeightBytes allows");
        raised.Should().BeOfType<ModelFormatException>().Which.Message.Should().Contain("the dataset 'deflate_f4' claims 103079215104 bytes of values, and the weights take: more than the 2,147,483,591 bytes ModelReaderOptions.MaxWeightBytes allows");
        allocated.Should().BeLessThan(Bound(file));
        allocatedRaised.Should().BeLessThan(Bound(file));
    }

    [Fact]
    public void Read_DataspaceClaimingMoreChunksThanTheIndexHolds_IsRefusedBeforeTheValuesAreAllocated()
    {
        byte[] file = Fixtures.Bytes("h5-values", "values.h5");
        int dims = Find(file, Dataset("deflate_f4").GetProperty("header").GetInt32(), [.. U64(20), .. U64(12)]);
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(dims), 20_000_000);

        (Exception? error, long allocated) = Measure(file, forwardOnly: false, new ModelReaderOptions { MaxWeightBytes = long.MaxValue });

        error.Should().BeOfType<ModelFormatException>().Which.Message.Should().EndWith("the dataset 'deflate_f4' needs 7500000 chunks but its chunk index holds 9; datasets with chunks never written are not read");
        allocated.Should().BeLessThan(Bound(file));
    }

    [Fact]
    public void Read_ChunkDimensionsClaimingGigabytes_AreRefused()
    {
        byte[] file = Fixtures.Bytes("h5-values", "values.h5");
        int chunk = Find(file, Dataset("deflate_f4").GetProperty("header").GetInt32(), [.. U32(8), .. U32(5), .. U32(4)]);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(chunk), 0x4000_0000);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(chunk + 4), 0x4000_0000);

        (Exception? error, long allocated) = Measure(file, forwardOnly: false);

        error.Should().BeOfType<ModelFormatException>().Which.Message.Should().Contain("a chunk of the dataset 'deflate_f4' claims 4611686018427387904 bytes: more than the 268,435,456 bytes ModelReaderOptions.MaxWeightBytes allows");
        allocated.Should().BeLessThan(Bound(file));
    }

    [Fact]
    public void Read_ChunkListedTwice_IsRefused()
    {
        byte[] file = Fixtures.Bytes("h5-values", "values.h5");
        int key = ChunkKey(file, "deflate_f4", 1);
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(key + 16), 0); // its offset (0, 5) becomes (0, 0)

        (Exception? error, _) = Measure(file, forwardOnly: false);

        error.Should().BeOfType<ModelFormatException>().Which.Message.Should().Be($"At the file, byte {key}: the chunk index of the dataset 'deflate_f4' holds the chunk at (0, 0) twice");
    }

    [Fact]
    public void Read_ChunkOffsetOffTheGrid_IsRefused()
    {
        byte[] file = Fixtures.Bytes("h5-values", "values.h5");
        int key = ChunkKey(file, "deflate_f4", 1);
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(key + 16), 3);

        (Exception? error, _) = Measure(file, forwardOnly: false);

        error.Should().BeOfType<ModelFormatException>().Which.Message.Should().Be($"At the file, byte {key}: a chunk of the dataset 'deflate_f4' is at offset 3 in dimension 1, not a multiple of 5 below 12");
    }

    [Fact]
    public void Read_DamagedDeflateStream_IsAModelFormatException()
    {
        byte[] file = Fixtures.Bytes("h5-values", "values.h5");
        JsonElement chunk = Dataset("deflate_f4").GetProperty("chunks")[0];
        file.AsSpan(chunk.GetProperty("address").GetInt32(), chunk.GetProperty("size").GetInt32()).Fill(0xFF);

        (Exception? error, _) = Measure(file, forwardOnly: false);

        error.Should().BeOfType<ModelFormatException>().Which.Message.Should().StartWith($"At the file, byte {chunk.GetProperty("address").GetInt32()}: a deflated chunk of the dataset 'deflate_f4' does not inflate: ");
    }

    [Fact]
    public void Read_DamagedChunkUnderFletcher32_FailsItsChecksum()
    {
        byte[] file = Fixtures.Bytes("h5-values", "values.h5");
        JsonElement chunk = Dataset("fletcher_shuffle_deflate_f4").GetProperty("chunks")[0];
        int address = chunk.GetProperty("address").GetInt32();
        file[address + chunk.GetProperty("size").GetInt32() - 6] ^= 0x01;

        (Exception? error, _) = Measure(file, forwardOnly: false);

        error.Should().BeOfType<ModelFormatException>().Which.Message.Should().Be($"At the file, byte {address}: a chunk of the dataset 'fletcher_shuffle_deflate_f4' does not match its Fletcher-32 checksum");
    }

    [Fact]
    public void Read_FilterOtherThanDeflateShuffleFletcher_IsRefusedByName()
    {
        byte[] file = Fixtures.Bytes("h5-values", "values.h5");
        int name = Find(file, Dataset("deflate_f4").GetProperty("header").GetInt32(), Encoding.ASCII.GetBytes("deflate\0"));
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(name - 8), 32000); // the filter's identifier: LZF

        (Exception? error, _) = Measure(file, forwardOnly: false);

        error.Should().BeOfType<ModelFormatException>().Which.Message.Should().EndWith("the dataset 'deflate_f4' is stored through filter 32000; the deflate (1), shuffle (2) and Fletcher-32 (3) filters are read");
    }

    [Fact]
    public void Read_FloatTypeThatIsNotIeee_IsRefusedWithItsFields()
    {
        byte[] file = Fixtures.Bytes("h5-values", "values.h5");
        int fields = Find(file, Dataset("contiguous_f4").GetProperty("header").GetInt32(), [23, 8, 0, 23, 127, 0, 0, 0]);
        file[fields + 4] = 100; // the exponent's bias

        (Exception? error, _) = Measure(file, forwardOnly: false);

        error.Should().BeOfType<ModelFormatException>().Which.Message.Should().EndWith("the dataset 'contiguous_f4' has a 4-byte floating-point type (sign bit 31, exponent 8 bits at 23, mantissa 23 bits at 0, bias 100); IEEE 754 binary16, binary32, binary64 and bfloat16 are read");
    }

    [Fact]
    public void Read_MaxInflatedBytes_BoundsTheDeflatedChunks()
    {
        FluentActions.Invoking(() => KerasWeights.Read(new MemoryStream(Fixtures.Bytes("h5-values", "values.h5")), new ModelReaderOptions { MaxInflatedBytes = 1000 }))
            .Should().Throw<ModelFormatException>().WithMessage("*the deflated chunks of the dataset 'cube_shuffle_deflate_f4' (and the datasets before it) inflate to 1,080 bytes: more than the 1,000 bytes ModelReaderOptions.MaxInflatedBytes allows*");
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void Read_KeptHostileHdf5Files_AreRefusedOrReadWithinTheirBytes(bool forwardOnly)
    {
        string fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        string[] files = [.. Directory.GetFiles(Path.Combine(fixtures, "h5-hostile")), .. Directory.GetFiles(Path.Combine(fixtures, "h5"), "hostile-*.h5")];
        long worst = 0;
        string worstFile = string.Empty;
        foreach (string path in files.Order(StringComparer.Ordinal))
        {
            byte[] file = File.ReadAllBytes(path);
            var clock = Stopwatch.StartNew();

            (Exception? error, long allocated) = Measure(file, forwardOnly);

            (error is null or ModelFormatException).Should().BeTrue(Path.GetFileName(path) + " threw " + error);
            allocated.Should().BeLessThan(Bound(file), Path.GetFileName(path));
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
            if (allocated > worst)
            {
                (worst, worstFile) = (allocated, Path.GetFileName(path) + " (" + file.Length + " bytes)");
            }
        }

        output.WriteLine($"{files.Length} files, worst allocation {worst} bytes: {worstFile}");
    }

    /// <summary>What reading a file may allocate: its bytes a few times over (buffering a forward-only stream, the structures, the values as read and as floats), plus 2 MiB.</summary>
    private static long Bound(byte[] file) => Math.Min(Budget, (6L * file.Length) + (2L * 1024 * 1024));

    private static (Exception? Error, long Allocated) Measure(byte[] file, bool forwardOnly, ModelReaderOptions? options = null)
    {
        using Stream stream = forwardOnly ? new NonSeekableStream(file) : new MemoryStream(file, writable: false);
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            KerasWeights.Read(stream, options);
            return (null, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        catch (Exception e)
        {
            return (e, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    private static JsonElement Manifest() => JsonDocument.Parse(File.ReadAllText(Fixtures.PathOf("h5-values", "manifest.json"))).RootElement;

    private static JsonElement Dataset(string path) => Manifest().GetProperty("datasets").EnumerateArray().Single(d => d.GetProperty("path").GetString() == path);

    /// <summary>The file position of a chunk's key in its dataset's B-tree: its stored size, filter mask, offsets and a zero, followed by the chunk's address.</summary>
    private static int ChunkKey(byte[] file, string path, int index)
    {
        JsonElement chunk = Dataset(path).GetProperty("chunks")[index];
        byte[] key = [
            .. U32(chunk.GetProperty("size").GetUInt32()),
            .. U32(chunk.GetProperty("mask").GetUInt32()),
            .. chunk.GetProperty("offset").EnumerateArray().SelectMany(o => U64(o.GetUInt64())),
            .. U64(0),
            .. U64(chunk.GetProperty("address").GetUInt64()),
        ];
        return Find(file, 0, key);
    }

    private static int Find(byte[] file, int from, byte[] pattern)
    {
        int at = file.AsSpan(from).IndexOf(pattern);
        at.Should().BeGreaterThanOrEqualTo(0, "the fixture holds the pattern");
        return from + at;
    }

    private static byte[] U32(uint value)
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] U64(ulong value)
    {
        byte[] bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return bytes;
    }
}
