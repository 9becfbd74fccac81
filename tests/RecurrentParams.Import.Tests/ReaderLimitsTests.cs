using System;
using System.IO;
using FluentAssertions;
using RecurrentParams.Import.Hdf5;
using RecurrentParams.Import.Onnx;
using Xunit;

namespace RecurrentParams.Import.Tests;

/// <summary>Every reader refuses a file past a limit of <see cref="ModelReaderOptions"/>, naming the limit and the option; raising the option reads it.</summary>
public sealed class ReaderLimitsTests
{
    private const string Raise = " allows (raise it for a file you trust)";

    [Fact]
    public void KerasModelReader_EachLimit_IsNamedAndCanBeRaised()
    {
        byte[] json = Fixtures.Bytes("keras3", "seq-emb-lstm.json");
        ImportedModel expected = KerasModelReader.Read(new MemoryStream(json));

        Refused(o => KerasModelReader.Read(new MemoryStream(json), o), new ModelReaderOptions { MaxDocumentBytes = 100 }, "At the JSON document: " + json.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " bytes remain in the stream: more than the 100 bytes ModelReaderOptions.MaxDocumentBytes" + Raise);
        Refused(o => KerasModelReader.Read(new NonSeekableStream(json), o), new ModelReaderOptions { MaxDocumentBytes = 100 }, "At the JSON document: the stream holds more: more than the 100 bytes ModelReaderOptions.MaxDocumentBytes" + Raise);
        Refused(o => KerasModelReader.Read(new MemoryStream(json), o), new ModelReaderOptions { MaxDepth = 3 }, "At the JSON document, byte *: the JSON nests deeper: more than the 3 levels ModelReaderOptions.MaxDepth" + Raise);
        Refused(o => KerasModelReader.Read(new MemoryStream(json), o), new ModelReaderOptions { MaxLayers = 2 }, "At $.config.layers: the model has 4 layers or more: more than the 2 layers ModelReaderOptions.MaxLayers" + Raise);
        Refused(o => KerasModelReader.Read(new MemoryStream(json), o), new ModelReaderOptions { MaxNameLength = 3 }, "At $.config.layers[*]: a name of * characters: more than the 3 characters ModelReaderOptions.MaxNameLength" + Raise);

        KerasModelReader.Read(new MemoryStream(json), new ModelReaderOptions { MaxDocumentBytes = json.Length, MaxDepth = 32, MaxLayers = 4, MaxNameLength = 40 }).Summary.Should().Be(expected.Summary);
    }

    [Fact]
    public void KerasModelReader_ParseAndFunctional_CountLayersAndNames()
    {
        string json = File.ReadAllText(Fixtures.PathOf("keras3", "branch-lstm-gru1-concat.json"));

        Refused(o => KerasModelReader.Parse(json, null, o), new ModelReaderOptions { MaxLayers = 1 }, "At $.config.layers: the model has * layers or more: more than the 1 layers ModelReaderOptions.MaxLayers" + Raise);
        Refused(o => KerasModelReader.Parse(json, null, o), new ModelReaderOptions { MaxNameLength = 2 }, "At $.config.layers[0]: a name of * characters: more than the 2 characters ModelReaderOptions.MaxNameLength" + Raise);
        Refused(o => KerasModelReader.Parse(json, null, o), new ModelReaderOptions { MaxDocumentBytes = 10 }, "At the JSON document: the document is * bytes: more than the 10 bytes ModelReaderOptions.MaxDocumentBytes" + Raise);
    }

    [Fact]
    public void TfjsModelReader_MoreWeightsThanMaxTensors_IsRefused()
    {
        string path = Fixtures.PathOf("tfjs", "seq-emb-lstm-dense.model.json");

        Refused(o => TfjsModelReader.ReadFile(path, o), new ModelReaderOptions { MaxTensors = 2 }, "At $.weightsManifest[0].weights[2]: the file lists 3 tensors or more: more than the 2 tensors ModelReaderOptions.MaxTensors" + Raise);
        TfjsModelReader.ReadFile(path, new ModelReaderOptions { MaxTensors = 6 }).Tensors.Should().HaveCount(6);
    }

    [Fact]
    public void SafetensorsReader_TensorsAndNames_AreCounted()
    {
        string path = Fixtures.PathOf("safetensors", "lstm-5-4.safetensors");

        Refused(o => SafetensorsReader.ReadFile(path, o), new ModelReaderOptions { MaxTensors = 1 }, "At $[\"*\"]: the file lists 2 tensors or more: more than the 1 tensors ModelReaderOptions.MaxTensors" + Raise);
        Refused(o => SafetensorsReader.ReadFile(path, o), new ModelReaderOptions { MaxNameLength = 5 }, "At the header (byte 8): a name of * characters: more than the 5 characters ModelReaderOptions.MaxNameLength" + Raise);
        Refused(o => SafetensorsReader.ReadFile(path, o), new ModelReaderOptions { MaxDocumentBytes = 16 }, "At byte 0: the header claims * bytes: more than the 16 bytes ModelReaderOptions.MaxDocumentBytes" + Raise);
        SafetensorsReader.ReadFile(path, new ModelReaderOptions { MaxTensors = 4 }).Tensors.Should().HaveCount(4);
    }

    [Fact]
    public void KerasArchiveReader_ForwardOnlyArchiveOverMaxBufferedBytes_IsRefused()
    {
        byte[] archive = Fixtures.Bytes("keras3", "blog-simplernn.keras");

        Refused(o => KerasArchiveReader.Read(new NonSeekableStream(archive), o), new ModelReaderOptions { MaxBufferedBytes = 1000 }, "At the archive: the stream holds more: more than the 1,000 bytes ModelReaderOptions.MaxBufferedBytes" + Raise);
        Refused(o => KerasArchiveReader.Read(new MemoryStream(archive), o), new ModelReaderOptions { MaxDocumentBytes = 100 }, "At config.json: the entry claims * bytes: more than the 100 bytes ModelReaderOptions.MaxDocumentBytes" + Raise);
        KerasArchiveReader.Read(new NonSeekableStream(archive), new ModelReaderOptions { MaxBufferedBytes = archive.Length }).Summary.TotalParams.Should().Be(40);
    }

    [Fact]
    public void OnnxModelReader_EachLimit_IsNamed()
    {
        byte[] model = Fixtures.Bytes("onnx", "lstm-5-4.onnx");

        Refused(o => OnnxModelReader.Read(new MemoryStream(model), o), new ModelReaderOptions { MaxTensors = 1 }, "At byte *: the graph has 2 initializers or more: more than the 1 initializers ModelReaderOptions.MaxTensors" + Raise);
        Refused(o => OnnxModelReader.Read(new MemoryStream(model), o), new ModelReaderOptions { MaxLayers = 1 }, "At byte *: the graph has 2 nodes or more: more than the 1 nodes ModelReaderOptions.MaxLayers" + Raise);
        Refused(o => OnnxModelReader.Read(new MemoryStream(model), o), new ModelReaderOptions { MaxNameLength = 2 }, "At byte *: a name of * characters: more than the 2 characters ModelReaderOptions.MaxNameLength" + Raise);
        Refused(o => OnnxModelReader.Read(new MemoryStream(model), o), new ModelReaderOptions { MaxDocumentBytes = 10 }, "At byte *: the messages read whole (nodes, value infos, metadata) take * bytes: more than the 10 bytes ModelReaderOptions.MaxDocumentBytes" + Raise);
        Refused(o => OnnxModelReader.Read(new MemoryStream(model), o), new ModelReaderOptions { MaxDepth = 2 }, "At byte *: a message nests deeper: more than the 2 levels ModelReaderOptions.MaxDepth" + Raise);
        OnnxModelReader.Read(new MemoryStream(model), new ModelReaderOptions { MaxDepth = 16 }).Summary.TotalParams.Should().Be(176);
    }

    [Fact]
    public void KerasHdf5Reader_EachLimit_IsNamed()
    {
        string path = Fixtures.PathOf("h5", "keras3-blog-simplernn.h5");
        string weights = Fixtures.PathOf("h5", "weights-keras2-seq-gru0-bilstm-bn.h5");

        Refused(o => KerasHdf5Reader.ReadFile(path, o), new ModelReaderOptions { MaxTensors = 1 }, "At model_weights/*: the file holds 2 datasets or more: more than the 1 tensors ModelReaderOptions.MaxTensors" + Raise);
        Refused(o => KerasHdf5Reader.ReadFile(path, o), new ModelReaderOptions { MaxDepth = 1 }, "At model_weights/*: the groups nest deeper: more than the 1 levels ModelReaderOptions.MaxDepth" + Raise);
        Refused(o => KerasHdf5Reader.ReadFile(path, o), new ModelReaderOptions { MaxDocumentBytes = 100 }, "At byte *: the attribute 'model_config' holds more than 100 bytes of text: more than ModelReaderOptions.MaxDocumentBytes" + Raise);
        Refused(o => KerasHdf5Reader.ReadFile(weights, o), new ModelReaderOptions { MaxNameLength = 12 }, "At byte *: a name of 13 characters: more than the 12 characters ModelReaderOptions.MaxNameLength" + Raise);
        Refused(o => KerasHdf5Reader.ReadFile(Fixtures.PathOf("h5", "weights-tfkeras-seq-gru1.h5"), o), new ModelReaderOptions { MaxNameLength = 20 }, "At gru/gru/gru_cell: a dataset's path of 23 characters: more than the 20 characters ModelReaderOptions.MaxNameLength" + Raise);
        Refused(o => KerasHdf5Reader.Read(new NonSeekableStream(File.ReadAllBytes(path)), o), new ModelReaderOptions { MaxBufferedBytes = 1000 }, "At the file: the stream cannot seek and is longer (pass a seekable stream or a path to read it in place): more than the 1,000 bytes ModelReaderOptions.MaxBufferedBytes" + Raise);
        Refused(o => KerasHdf5Reader.ReadArchive(new NonSeekableStream(Fixtures.Bytes("keras3", "blog-simplernn.keras")), o), new ModelReaderOptions { MaxBufferedBytes = 1000 }, "At the archive: the stream cannot seek and is longer*ModelReaderOptions.MaxBufferedBytes" + Raise);
        KerasHdf5Reader.ReadFile(path, new ModelReaderOptions { MaxTensors = 3, MaxDepth = 32 }).CountsAgree.Should().BeTrue();
    }

    private static void Refused(Func<ModelReaderOptions, ImportedModel> read, ModelReaderOptions options, string message)
    {
        Action act = () => read(options);
        act.Should().Throw<ModelFormatException>().WithMessage(message);
    }
}
