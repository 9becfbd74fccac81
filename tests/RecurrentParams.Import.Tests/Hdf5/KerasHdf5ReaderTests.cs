using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using FluentAssertions;
using RecurrentParams.Import.Hdf5;
using Xunit;

namespace RecurrentParams.Import.Tests.Hdf5;

/// <summary>Legacy .h5 saves: a real Keras 3.16 one, and h5py files holding TensorFlow.js and hand-written Keras 2 topologies.</summary>
public sealed class KerasHdf5ReaderTests
{
    public static TheoryData<string> Ids => Fixtures.Ids("h5");

    [Theory]
    [MemberData(nameof(Ids))]
    public void ReadFile_H5_MatchesTheFrameworkAndCrossChecksTheDatasets(string id)
    {
        JsonElement truth = Fixtures.Manifest("h5")[id];

        ImportedModel model = KerasHdf5Reader.ReadFile(Fixtures.PathOf("h5", id + ".h5"));

        model.Format.Should().Be(ModelFileFormat.KerasHdf5);
        model.Summary.TotalParams.Should().Be(truth.Long("params"));
        model.Summary.TrainableParams.Should().Be(truth.Long("trainable"));
        model.Summary.NonTrainableParams.Should().Be(truth.Long("nonTrainable"));
        model.Summary.Rows.Select(r => (r.ClassName, r.Params)).Should().Equal(
            truth.GetProperty("layers").EnumerateArray().Select(l => (l.Str("class")!, l.Long("params"))));
        JsonElement datasets = truth.GetProperty("datasetElements");
        if (datasets.ValueKind == JsonValueKind.Null)
        {
            model.StoredParams.Should().BeNull();
        }
        else
        {
            model.StoredParams.Should().Be(datasets.GetInt64());
            model.CountsAgree.Should().BeTrue();
        }
    }

    [Fact]
    public void ReadFile_Keras3Save_ListsItsWeightDatasets()
    {
        ImportedModel model = KerasHdf5Reader.ReadFile(Fixtures.PathOf("h5", "keras3-blog-simplernn.h5"));

        model.Tensors.Select(t => t.Name).Should().Equal(
            "simple_rnn/simple_rnn/simple_rnn_cell/bias", "simple_rnn/simple_rnn/simple_rnn_cell/kernel", "simple_rnn/simple_rnn/simple_rnn_cell/recurrent_kernel");
        model.Tensors.Should().OnlyContain(t => t.DataType == "float32");
        model.Metadata["keras_version"].Should().Be("3.16.0");
        model.Metadata["backend"].Should().Be("numpy");
    }

    [Fact]
    public void Read_NonSeekableStream_IsBuffered()
    {
        using var stream = new NonSeekableStream(Fixtures.Bytes("h5", "tfjs-fn-branch-concat.h5"));

        KerasHdf5Reader.Read(stream).Summary.TotalParams.Should().Be(298);
    }

    [Fact]
    public void Read_NotHdf5_ThrowsModelFormatException()
    {
        Action read = () => KerasHdf5Reader.Read(new MemoryStream(Fixtures.Bytes("keras3", "blog-simplernn.json")));

        read.Should().Throw<ModelFormatException>().WithMessage("*HDF5*");
    }

    [Fact]
    public void Read_WithoutModelConfig_RecoversTheLayerFromTheWeights()
    {
        byte[] bytes = Fixtures.Bytes("h5", "keras3-blog-simplernn.h5");
        int at = IndexOf(bytes, "model_config"u8.ToArray());
        bytes[at] = (byte)'M';

        ImportedModel model = KerasHdf5Reader.Read(new MemoryStream(bytes));

        model.Recovered.Single().Spec.Should().Be(LayerSpec.Keras.SimpleRnn(4, 5));
        model.Summary.TotalParams.Should().Be(40);
        model.StoredParams.Should().Be(40);
        model.Metadata.Should().ContainKey("topology");
        model.Metadata["keras_version"].Should().Be("3.16.0");
    }

    [Fact]
    public void Read_NeitherModelConfigNorWeights_SaysSo()
    {
        byte[] bytes = Fixtures.Bytes("h5", "keras2-keras2.3-seq-emb-gru0.h5");
        int at = IndexOf(bytes, "model_config"u8.ToArray());
        bytes[at] = (byte)'M';

        Action read = () => KerasHdf5Reader.Read(new MemoryStream(bytes));

        read.Should().Throw<ModelFormatException>().WithMessage("*'model_config'*or the weight datasets of a file written by save_weights(); found neither*");
    }

    /// <summary>
    /// A mutation of a fixture (MutationTests, seed 7) whose global heap object claims about 1.8 GB. PureHDF 2.2.0 would
    /// allocate the claim before finding the file too short (it did, before the guard); now the claim is refused first.
    /// </summary>
    [Fact]
    public void Read_GlobalHeapObjectClaimingGigabytes_IsRefusedBeforeAnythingIsAllocated()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();

        Action read = () => KerasHdf5Reader.ReadFile(Fixtures.PathOf("h5", "hostile-gcol-object-size.h5"));

        read.Should().Throw<ModelFormatException>().WithMessage("At byte *: global heap object * claims * bytes, but at most * can follow it*");
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(1024 * 1024);
    }

    /// <summary>
    /// The real Keras 3 save keeps model_config in a global heap collection; its first object's 8-byte size field sits 8
    /// bytes after the 16-byte collection header (index 2, reference count 2, reserved 4). Claims past the file's end or
    /// past the 64 MiB string limit are refused, whatever the claim's width.
    /// </summary>
    [Theory]
    [InlineData(0x7FFF_FFF0UL)]
    [InlineData(64UL * 1024 * 1024 + 1)]
    [InlineData(1UL << 40)]
    [InlineData(ulong.MaxValue)]
    public void Read_GlobalHeapObjectClaimingMoreThanTheFile_IsRefused(ulong claim)
    {
        byte[] bytes = Fixtures.Bytes("h5", "keras3-blog-simplernn.h5");
        int collection = IndexOf(bytes, "GCOL"u8.ToArray());
        int sizeField = collection + 16 + 8;
        BitConverter.GetBytes(claim).CopyTo(bytes, sizeField);
        long before = GC.GetAllocatedBytesForCurrentThread();

        Action read = () => KerasHdf5Reader.Read(new MemoryStream(bytes));

        read.Should().Throw<ModelFormatException>().WithMessage($"At byte {collection + 16}: global heap object 1 claims {claim} bytes*");
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(1024 * 1024);
    }

    /// <summary>
    /// A local heap holds a group's link names; PureHDF 2.2.0 allocates its data segment's claimed size before reading it
    /// (a mutation of a .keras fixture claimed 32 MiB in a 12 KB file). The claim is refused first, whatever its size.
    /// </summary>
    [Theory]
    [InlineData(20_000UL)]
    [InlineData(32UL * 1024 * 1024)]
    [InlineData(1UL << 40)]
    [InlineData(ulong.MaxValue)]
    public void Read_LocalHeapClaimingMoreThanTheFile_IsRefused(ulong claim)
    {
        byte[] bytes = Fixtures.Bytes("h5", "keras3-blog-simplernn.h5");
        int heap = IndexOf(bytes, "HEAP"u8.ToArray());
        BitConverter.GetBytes(claim).CopyTo(bytes, heap + 8);
        long before = GC.GetAllocatedBytesForCurrentThread();

        Action read = () => KerasHdf5Reader.Read(new MemoryStream(bytes));

        read.Should().Throw<ModelFormatException>().WithMessage($"At byte {heap}: the local heap claims a {claim}-byte data segment at byte *");
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(1024 * 1024);
    }

    [Fact]
    public void Read_GlobalHeapObjectsWithinTheFile_AreRead()
    {
        // The guard walks the same collection on every read of a real save and must not refuse it.
        byte[] bytes = Fixtures.Bytes("h5", "keras3-blog-simplernn.h5");
        IndexOf(bytes, "GCOL"u8.ToArray()).Should().BeGreaterThan(0);

        ImportedModel model = KerasHdf5Reader.Read(new MemoryStream(bytes));

        model.Summary.TotalParams.Should().Be(KerasHdf5Reader.ReadFile(Fixtures.PathOf("h5", "keras3-blog-simplernn.h5")).Summary.TotalParams);
        model.CountsAgree.Should().BeTrue();
    }

    [Fact]
    public void Read_NullArguments_Throw()
    {
        Action read = () => KerasHdf5Reader.Read(null!);
        Action readFile = () => KerasHdf5Reader.ReadFile(string.Empty);

        Action unreadable = () => KerasHdf5Reader.Read(new UnreadableStream());

        read.Should().Throw<ArgumentNullException>();
        readFile.Should().Throw<ArgumentException>();
        unreadable.Should().Throw<ArgumentException>().WithParameterName("stream");
    }

    private sealed class UnreadableStream : MemoryStream
    {
        public override bool CanRead => false;
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int k = 0; k + needle.Length <= haystack.Length; k++)
        {
            if (haystack.AsSpan(k, needle.Length).SequenceEqual(needle))
            {
                return k;
            }
        }

        throw new InvalidOperationException("not found");
    }
}
