using System;
using System.IO;
using System.IO.Compression;
using System.Text;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Import.Tests;

/// <summary>Keras 3.16 .keras archives (model.save) and hostile zips.</summary>
public sealed class KerasArchiveReaderTests
{
    [Theory]
    [InlineData("blog-simplernn")]
    [InlineData("seq-emb-bilstm")]
    public void ReadFile_Keras3Archive_MatchesKeras(string id)
    {
        ImportedModel model = KerasArchiveReader.ReadFile(Fixtures.PathOf("keras3", id + ".keras"));

        model.Format.Should().Be(ModelFileFormat.KerasArchive);
        KerasModelReaderTests.AssertMatches(model.Summary, Fixtures.Manifest("keras3")[id], compareNames: true);
        model.StoredParams.Should().BeNull();
    }

    [Fact]
    public void Read_NonSeekableStream_IsBuffered()
    {
        using var stream = new NonSeekableStream(Fixtures.Bytes("keras3", "seq-emb-bilstm.keras"));

        ImportedModel model = KerasArchiveReader.Read(stream);

        model.Summary.TotalParams.Should().Be(4099);
    }

    [Fact]
    public void Read_ZipBomb_StopsAtTheLimitWithoutInflatingEverything()
    {
        // config.json inflates to 128 MiB of spaces (about 128 KB compressed) but its headers claim 10 bytes.
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using Stream entry = archive.CreateEntry("config.json", CompressionLevel.SmallestSize).Open();
            byte[] block = new byte[1 << 20];
            Array.Fill(block, (byte)' ');
            for (int k = 0; k < 128; k++)
            {
                entry.Write(block);
            }
        }

        PatchClaimedSizes(zip.GetBuffer(), (int)zip.Length);
        zip.Position = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        Action read = () => KerasArchiveReader.Read(zip);

        read.Should().Throw<ModelFormatException>().Which.Location.Should().StartWith("config.json");
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(200L << 20);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Read_EntryClaimingMoreThanTheLimit_IsRefusedBeforeInflating()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using Stream entry = archive.CreateEntry("config.json").Open();
            entry.Write(new byte[(64 << 20) + 1]);
        }

        zip.Position = 0;

        Action read = () => KerasArchiveReader.Read(zip);

        read.Should().Throw<ModelFormatException>().WithMessage("At config.json: the entry claims 67,108,865 bytes: more than the 67,108,864 bytes ModelReaderOptions.MaxDocumentBytes allows (raise it for a file you trust)");
    }

    [Fact]
    public void Read_NoConfig_SaysWhatIsExpected()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            archive.CreateEntry("model.weights.h5");
        }

        zip.Position = 0;

        Action read = () => KerasArchiveReader.Read(zip);

        read.Should().Throw<ModelFormatException>().WithMessage("*config.json*");
    }

    [Fact]
    public void Read_NotAZip_ThrowsModelFormatException()
    {
        Action read = () => KerasArchiveReader.Read(new MemoryStream(Encoding.ASCII.GetBytes("definitely not a zip archive, just text")));

        read.Should().Throw<ModelFormatException>().WithMessage("*zip*");
    }

    [Fact]
    public void Read_NullArguments_Throw()
    {
        Action read = () => KerasArchiveReader.Read(null!);
        Action readFile = () => KerasArchiveReader.ReadFile(string.Empty);

        read.Should().Throw<ArgumentNullException>();
        readFile.Should().Throw<ArgumentException>();
    }

    /// <summary>Rewrites the uncompressed sizes in the local and central headers to 10 bytes: a lying zip.</summary>
    private static void PatchClaimedSizes(byte[] data, int length)
    {
        for (int k = 0; k + 4 < length; k++)
        {
            if (data[k] == 0x50 && data[k + 1] == 0x4b && data[k + 2] == 0x03 && data[k + 3] == 0x04)
            {
                BitConverter.TryWriteBytes(data.AsSpan(k + 22), 10);
            }
            else if (data[k] == 0x50 && data[k + 1] == 0x4b && data[k + 2] == 0x01 && data[k + 3] == 0x02)
            {
                BitConverter.TryWriteBytes(data.AsSpan(k + 24), 10);
            }
        }
    }
}
