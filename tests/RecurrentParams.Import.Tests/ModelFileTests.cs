using System;
using System.IO;
using System.IO.Compression;
using System.Text;
using FluentAssertions;
using RecurrentParams.Import.Hdf5;
using RecurrentParams.Import.Internal;
using RecurrentParams.Import.Onnx;
using Xunit;

namespace RecurrentParams.Import.Tests;

public sealed class ModelFileTests
{
    /// <summary>One framework-generated fixture per format and family, with the format its content says it is.</summary>
    public static TheoryData<string, string, ModelFileFormat> EveryFormat => new()
    {
        { "keras3", "blog-simplernn.json", ModelFileFormat.KerasJson },
        { "keras2", "keras2.3-seq-emb-gru0.json", ModelFileFormat.KerasJson },
        { "tfjs", "fn-branch-concat.json", ModelFileFormat.KerasJson },
        { "tfjs", "fn-branch-concat.model.json", ModelFileFormat.TensorFlowJs },
        { "keras3", "seq-emb-bilstm.keras", ModelFileFormat.KerasArchive },
        { "h5", "keras3-blog-simplernn.h5", ModelFileFormat.KerasHdf5 },
        { "keras3-weights", "blog-simplernn.weights.h5", ModelFileFormat.KerasHdf5 },
        { "onnx", "lstm-5-4.onnx", ModelFileFormat.Onnx },
        { "onnx", "mlp.onnx", ModelFileFormat.Onnx },
        { "safetensors", "cells.safetensors", ModelFileFormat.Safetensors },
    };

    [Theory]
    [MemberData(nameof(EveryFormat))]
    public void ReadFile_EveryFormat_MatchesItsOwnReader(string folder, string file, ModelFileFormat format)
    {
        string path = Fixtures.PathOf(folder, file);

        ImportedModel model = ModelFile.ReadFile(path);

        model.Format.Should().Be(format);
        model.Summary.Should().Be(OwnReader(format, path).Summary, "detection only chooses the reader");
    }

    [Theory]
    [MemberData(nameof(EveryFormat))]
    public void Read_SeekableAndForwardOnlyStreams_GiveTheFileResult(string folder, string file, ModelFileFormat format)
    {
        byte[] bytes = Fixtures.Bytes(folder, file);
        ImportedModel expected = OwnReader(format, Fixtures.PathOf(folder, file));

        ImportedModel seekable = ModelFile.Read(new MemoryStream(bytes, writable: false));
        ImportedModel forwardOnly = ModelFile.Read(new NonSeekableStream(bytes));

        seekable.Format.Should().Be(format);
        forwardOnly.Format.Should().Be(format);
        seekable.Summary.TotalParams.Should().Be(expected.Summary.TotalParams);
        forwardOnly.Summary.TotalParams.Should().Be(expected.Summary.TotalParams);
        seekable.Summary.Rows.Should().HaveCount(expected.Summary.Rows.Count);
    }

    [Fact]
    public void Read_StreamNotAtItsStart_ReadsFromThePosition()
    {
        byte[] file = Fixtures.Bytes("safetensors", "cells.safetensors");
        var stream = new MemoryStream();
        stream.Write(new byte[] { 1, 2, 3 });
        stream.Write(file);
        stream.Position = 3;

        ImportedModel model = ModelFile.Read(stream);

        model.Format.Should().Be(ModelFileFormat.Safetensors);
        model.Summary.TotalParams.Should().Be(SafetensorsReader.ReadFile(Fixtures.PathOf("safetensors", "cells.safetensors")).Summary.TotalParams);
    }

    [Fact]
    public void Read_KerasArchiveWithTheHdf5Package_CrossChecksItsWeights()
    {
        ImportedModel model = ModelFile.ReadFile(Fixtures.PathOf("keras3", "seq-emb-bilstm.keras"));

        model.StoredParams.Should().Be(model.Summary.TotalParams, "the .keras archive's model.weights.h5 is read when RecurrentParams.Import.Hdf5 is referenced");
        model.CountsAgree.Should().BeTrue();
    }

    [Fact]
    public void Read_UnknownBytes_ShowsThemAndTheFormatsTried()
    {
        byte[] elf = [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0];

        Action act = () => ModelFile.Read(new MemoryStream(elf));

        act.Should().Throw<ModelFormatException>().WithMessage(
            "At byte 0: The file is not a model file this library reads: its first bytes are 7F 45 4C 46 02 01 01 00 00 00 00 00 00 00 00 00 (\".ELF............\"). "
            + "Tried: Keras and TensorFlow.js JSON (a JSON object), .keras and PyTorch zip archives, HDF5 (.h5), safetensors, ONNX (a protobuf ModelProto) and PyTorch's legacy torch.save format.")
            .Which.Location.Should().Be("byte 0");
    }

    [Fact]
    public void Read_EmptyStream_SaysTheFileIsEmpty()
    {
        Action act = () => ModelFile.Read(new NonSeekableStream([]));

        act.Should().Throw<ModelFormatException>().WithMessage("*the file is empty. Tried:*");
    }

    [Fact]
    public void Read_JsonThatIsNeitherKerasNorTfjs_SaysWhatWasExpected()
    {
        byte[] json = Encoding.UTF8.GetBytes("{\"name\": \"not a model\", \"layers\": []}");

        Action act = () => ModelFile.Read(new MemoryStream(json));

        act.Should().Throw<ModelFormatException>().WithMessage(
            "At $: expected a Keras model (an object with 'class_name' and 'config', as model.to_json() writes) or a TensorFlow.js model.json (with 'modelTopology'); this JSON object has neither");
    }

    [Fact]
    public void Read_ZipThatIsNotAModel_SaysWhatAModelArchiveHolds()
    {
        byte[] zip = Zip(("readme.txt", "hello"), ("data.csv", "1,2"));

        Action seekable = () => ModelFile.Read(new MemoryStream(zip));
        Action forwardOnly = () => ModelFile.Read(new NonSeekableStream(zip));

        seekable.Should().Throw<ModelFormatException>().WithMessage("At the archive: The file is a zip archive but neither a .keras archive (config.json, metadata.json, model.weights.h5) nor a PyTorch checkpoint (<name>/data.pkl and its storages).");
        forwardOnly.Should().Throw<ModelFormatException>().WithMessage("*neither a .keras archive*");
    }

    [Fact]
    public void Read_KerasArchiveWhoseFirstEntryDoesNotTell_IsFoundByItsEntries()
    {
        byte[] keras = Fixtures.Bytes("keras3", "blog-simplernn.keras");
        using var source = new ZipArchive(new MemoryStream(keras), ZipArchiveMode.Read);
        var reordered = new MemoryStream();
        using (var target = new ZipArchive(reordered, ZipArchiveMode.Create, leaveOpen: true))
        {
            target.CreateEntry("assets/notes.txt");
            foreach (ZipArchiveEntry entry in source.Entries)
            {
                using Stream from = entry.Open();
                using Stream to = target.CreateEntry(entry.FullName, CompressionLevel.NoCompression).Open();
                from.CopyTo(to);
            }
        }

        ImportedModel model = ModelFile.Read(new MemoryStream(reordered.ToArray()));

        model.Format.Should().Be(ModelFileFormat.KerasArchive);
        model.Summary.TotalParams.Should().Be(40, "the blog's SimpleRNN(4) on 5 features: 4·4 + 4·5 + 4");
    }

    [Fact]
    public void Read_ZipWithAnUnreadableDirectory_IsAFormatError()
    {
        byte[] zip = Zip(("notes/readme.txt", "x"));
        zip[zip.Length - 22 + 16] ^= 0x7F; // the end record's central directory offset now points nowhere

        Action act = () => ModelFile.Read(new MemoryStream(zip));

        act.Should().Throw<ModelFormatException>().WithMessage("At the archive: The file starts like a zip archive but its directory cannot be read*");
    }

    [Fact]
    public void MissingPackage_NamesThePackageToAdd()
    {
        var reader = new OptionalReader("RecurrentParams.Import.Nothing", "RecurrentParams.Import.Nothing.Reader", "Read", "ReadFile", "a file of another kind");

        reader.IsAvailable.Should().BeFalse();
        Action act = () => reader.Read(new MemoryStream([1]), null);
        act.Should().Throw<ModelFormatException>().WithMessage(
            "The file is a file of another kind, which the package RecurrentParams.Import.Nothing reads; add it to the project (dotnet add package RecurrentParams.Import.Nothing).");
        FluentActions.Invoking(() => reader.ReadFile("model.bin", null)).Should().Throw<ModelFormatException>().WithMessage("*dotnet add package RecurrentParams.Import.Nothing*");
    }

    [Fact]
    public void OptionalReaders_OfReferencedPackages_AreAvailable()
    {
        OptionalReader.Onnx.IsAvailable.Should().BeTrue();
        OptionalReader.Hdf5.IsAvailable.Should().BeTrue();
        OptionalReader.KerasArchive.IsAvailable.Should().BeTrue();
    }

    [Fact]
    public void ReadFile_BadPath_Throws()
    {
        FluentActions.Invoking(() => ModelFile.ReadFile(null!)).Should().Throw<ArgumentNullException>().WithParameterName("path");
        FluentActions.Invoking(() => ModelFile.ReadFile(string.Empty)).Should().Throw<ArgumentException>().WithParameterName("path");
        FluentActions.Invoking(() => ModelFile.Read(null!)).Should().Throw<ArgumentNullException>().WithParameterName("stream");
    }

    private static ImportedModel OwnReader(ModelFileFormat format, string path) => format switch
    {
        ModelFileFormat.KerasJson => KerasModelReader.ReadFile(path),
        ModelFileFormat.TensorFlowJs => TfjsModelReader.ReadFile(path),
        ModelFileFormat.KerasArchive => KerasHdf5Reader.ReadArchiveFile(path),
        ModelFileFormat.KerasHdf5 => KerasHdf5Reader.ReadFile(path),
        ModelFileFormat.Onnx => OnnxModelReader.ReadFile(path),
        _ => SafetensorsReader.ReadFile(path),
    };

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach ((string name, string text) in entries)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open());
                writer.Write(text);
            }
        }

        return buffer.ToArray();
    }
}
