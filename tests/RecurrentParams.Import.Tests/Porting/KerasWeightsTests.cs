using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Formulas;
using RecurrentParams.Import.Hdf5;
using RecurrentParams.Porting;
using RecurrentParams.Tests.Porting;
using Xunit;

namespace RecurrentParams.Import.Tests.Porting;

/// <summary>
/// <see cref="KerasWeights"/>: the values Keras 3 wrote (save_weights, model.save), named by layer, the Keras 3 layout
/// written back, and the limits.
/// </summary>
public sealed class KerasWeightsTests
{
    [Theory]
    [MemberData(nameof(PortingCase.All), MemberType = typeof(PortingCase))]
    public void ReadFile_WeightsAndArchive_ResolveToTheKerasValues(string id)
    {
        PortingCase c = PortingCase.Load(id);

        KerasTorchConverterTests.Same(KerasWeights.Resolve(c.KerasModel, KerasWeights.ReadFile(Fixtures.PathOf("porting", id + ".weights.h5"))), c.KerasWeights);
        KerasTorchConverterTests.Same(KerasWeights.Resolve(c.KerasModel, KerasWeights.ReadFile(Fixtures.PathOf("porting", id + ".keras"))), c.KerasWeights);
    }

    [Fact]
    public void Read_KerasLayout_NamesDatasetsByClassAndPosition()
    {
        // Keras 3 keeps a model's layers under their snake-cased class names, numbered from the second of a class,
        // whatever the layers are called: torch-stacked-gru has layers gru_l0, gru_l1 and head.
        IReadOnlyList<NamedTensor> stored = KerasWeights.Read(new MemoryStream(Fixtures.Bytes("porting", "torch-stacked-gru.weights.h5")));

        stored.Select(t => t.Name).Should().BeEquivalentTo(
            "layers/dense/vars/0", "layers/dense/vars/1",
            "layers/gru/cell/vars/0", "layers/gru/cell/vars/1", "layers/gru/cell/vars/2",
            "layers/gru_1/cell/vars/0", "layers/gru_1/cell/vars/1", "layers/gru_1/cell/vars/2");
    }

    [Fact]
    public void Read_ForwardOnlyStreams_AreBufferedWithinTheLimit()
    {
        byte[] bytes = Fixtures.Bytes("porting", "keras-gru-dense.weights.h5");

        KerasWeights.Read(new NonSeekableStream(bytes)).Should().HaveCount(5);
        KerasWeights.ReadArchive(new NonSeekableStream(Fixtures.Bytes("porting", "keras-gru-dense.keras"))).Should().HaveCount(5);
        FluentActions.Invoking(() => KerasWeights.Read(new NonSeekableStream(bytes), new ModelReaderOptions { MaxWeightBytes = 100, MaxDocumentBytes = 100 })).Should().Throw<ModelFormatException>()
            .WithMessage("*cannot seek and is longer than the 200 bytes buffered (ModelReaderOptions.MaxWeightBytes + MaxDocumentBytes)*");
    }

    [Fact]
    public void Read_Limits_NameTheirOption()
    {
        byte[] bytes = Fixtures.Bytes("porting", "keras-gru-dense.weights.h5");

        FluentActions.Invoking(() => KerasWeights.Read(new MemoryStream(bytes), new ModelReaderOptions { MaxWeightBytes = 100 })).Should().Throw<ModelFormatException>()
            .WithMessage("*more than the 100 bytes ModelReaderOptions.MaxWeightBytes allows*");
        FluentActions.Invoking(() => KerasWeights.Read(new MemoryStream(bytes), new ModelReaderOptions { MaxTensors = 2 })).Should().Throw<ModelFormatException>()
            .WithMessage("*more than the 2 tensors ModelReaderOptions.MaxTensors allows*");
        FluentActions.Invoking(() => KerasWeights.Read(new MemoryStream(bytes), new ModelReaderOptions { MaxNameLength = 10 })).Should().Throw<ModelFormatException>()
            .WithMessage("*more than the 10 ModelReaderOptions.MaxNameLength allows*");
        FluentActions.Invoking(() => KerasWeights.Read(new MemoryStream(bytes), new ModelReaderOptions { MaxDepth = 1 })).Should().Throw<ModelFormatException>()
            .WithMessage("*deeper than the 1 levels ModelReaderOptions.MaxDepth allows*");
    }

    [Fact]
    public void Read_NotHdf5_IsAModelFormatException()
    {
        FluentActions.Invoking(() => KerasWeights.Read(new MemoryStream(new byte[600]))).Should().Throw<ModelFormatException>().WithMessage("At the file, byte 0: expected an HDF5 file*");
        FluentActions.Invoking(() => KerasWeights.Read(null!)).Should().Throw<ArgumentNullException>().WithParameterName("stream");
        FluentActions.Invoking(() => KerasWeights.Read(new UnreadableStream())).Should().Throw<ArgumentException>().WithParameterName("stream");
        FluentActions.Invoking(() => KerasWeights.ReadFile(string.Empty)).Should().Throw<ArgumentException>().WithParameterName("path");
    }

    [Fact]
    public void ReadArchive_EntryProblems_AreNamed()
    {
        FluentActions.Invoking(() => KerasWeights.ReadArchive(new MemoryStream(Zip(("config.json", [1, 2, 3], CompressionLevel.NoCompression))))).Should().Throw<ModelFormatException>()
            .WithMessage("At the archive's central directory: expected an entry model.weights.h5*");
        byte[] weights = Fixtures.Bytes("porting", "keras-gru-dense.weights.h5");
        byte[] deflated = Zip(("model.weights.h5", weights, CompressionLevel.Optimal));
        KerasWeights.ReadArchive(new MemoryStream(deflated)).Should().HaveCount(5, "a deflated entry is inflated within the limit");
        FluentActions.Invoking(() => KerasWeights.ReadArchive(new MemoryStream(deflated), new ModelReaderOptions { MaxInflatedBytes = 1000 })).Should().Throw<ModelFormatException>()
            .WithMessage("*inflates to * bytes, more than the 1000 ModelReaderOptions.MaxInflatedBytes allows*");
    }

    [Fact]
    public void Write_MatchesTheFileKerasWritesForTheSameModel()
    {
        PortingCase c = PortingCase.Load("torch-emb-stacked-bilstm");
        using var written = new MemoryStream();

        KerasWeights.Write(written, c.KerasModel, c.KerasWeights);

        written.Position = 0;
        IReadOnlyList<NamedTensor> ours = KerasWeights.Read(written);
        IReadOnlyList<NamedTensor> theirs = KerasWeights.ReadFile(Fixtures.PathOf("porting", "torch-emb-stacked-bilstm.weights.h5"));
        KerasTorchConverterTests.Same(ours, theirs);
    }

    [Fact]
    public void Write_ForwardOnlyStreamAndFile_WriteTheSameBytes()
    {
        PortingCase c = PortingCase.Load("keras-gru-dense");
        using var seekable = new MemoryStream();
        using var forward = new ForwardOnlyStream();
        string path = Path.Combine(Path.GetTempPath(), "rp-" + Guid.NewGuid().ToString("N") + ".weights.h5");
        try
        {
            KerasWeights.Write(seekable, c.KerasModel, c.KerasWeights);
            KerasWeights.Write(forward, c.KerasModel, c.KerasWeights);
            KerasWeights.WriteFile(path, c.KerasModel, c.KerasWeights);

            forward.Written.Should().Equal(seekable.ToArray());
            File.ReadAllBytes(path).Should().Equal(seekable.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Write_BadArguments_Throw()
    {
        PortingCase c = PortingCase.Load("keras-gru-dense");
        FluentActions.Invoking(() => KerasWeights.Write(null!, c.KerasModel, c.KerasWeights)).Should().Throw<ArgumentNullException>().WithParameterName("stream");
        FluentActions.Invoking(() => KerasWeights.Write(new MemoryStream([], writable: false), c.KerasModel, c.KerasWeights)).Should().Throw<ArgumentException>().WithParameterName("stream");
        FluentActions.Invoking(() => KerasWeights.Write(new MemoryStream(), null!, c.KerasWeights)).Should().Throw<ArgumentNullException>().WithParameterName("model");
        FluentActions.Invoking(() => KerasWeights.Write(new MemoryStream(), c.TorchModel, c.KerasWeights)).Should().Throw<ArgumentException>().WithParameterName("model");
        FluentActions.Invoking(() => KerasWeights.Write(new MemoryStream(), c.KerasModel, null!)).Should().Throw<ArgumentNullException>().WithParameterName("tensors");
        FluentActions.Invoking(() => KerasWeights.Write(new MemoryStream(), c.KerasModel, c.KerasWeights.Where(t => t.Name != "gru/gru_cell/kernel"))).Should().Throw<ArgumentException>()
            .WithMessage("'tensors' has no tensor 'gru/gru_cell/kernel' (5, 12) for layer 'gru'.*");
        NamedTensor wrong = new("gru/gru_cell/kernel", new TensorShape(12, 5), new float[60]);
        FluentActions.Invoking(() => KerasWeights.Write(new MemoryStream(), c.KerasModel, c.KerasWeights.Where(t => t.Name != "gru/gru_cell/kernel").Append(wrong))).Should().Throw<ArgumentException>()
            .WithMessage("*; it has shape (12, 5).*");
        FluentActions.Invoking(() => KerasWeights.WriteFile(string.Empty, c.KerasModel, c.KerasWeights)).Should().Throw<ArgumentException>().WithParameterName("path");
        FluentActions.Invoking(() => KerasWeights.Resolve(null!, c.KerasWeights)).Should().Throw<ArgumentNullException>().WithParameterName("model");
        FluentActions.Invoking(() => KerasWeights.Resolve(c.KerasModel, null!)).Should().Throw<ArgumentNullException>().WithParameterName("stored");
        FluentActions.Invoking(() => KerasWeights.Resolve(c.TorchModel, c.KerasWeights)).Should().Throw<ArgumentException>().WithParameterName("model");
    }

    private static byte[] Zip(params (string Name, byte[] Data, CompressionLevel Level)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data, level) in entries)
            {
                using Stream stream = zip.CreateEntry(name, level).Open();
                stream.Write(data);
            }
        }

        return buffer.ToArray();
    }

    private sealed class UnreadableStream : MemoryStream
    {
        public override bool CanRead => false;
    }

    private sealed class ForwardOnlyStream : MemoryStream
    {
        public override bool CanSeek => false;

        public byte[] Written => ToArray();
    }
}
