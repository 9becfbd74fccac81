using System;
using System.Collections.Generic;
using System.IO;
using FluentAssertions;
using RecurrentParams.Import.Hdf5;
using RecurrentParams.Import.Onnx;
using Xunit;

namespace RecurrentParams.Import.Tests.Robustness;

/// <summary>
/// API misuse, for every public reader entry point: the ArgumentException family, naming the argument. With
/// <see cref="FuzzTests.AllReaders_Fuzzed_OnlyModelFormatExceptionLeavesTheLibrary"/>, this enumerates what can leave a
/// reader: <see cref="ModelFormatException"/> for a file, these for the caller's mistakes (and the stream's own
/// <see cref="IOException"/>).
/// </summary>
public sealed class ApiMisuseTests
{
    private static readonly (string Name, Func<Stream, ImportedModel> Read)[] StreamReaders =
    [
        ("KerasModelReader.Read", s => KerasModelReader.Read(s)),
        ("TfjsModelReader.Read", s => TfjsModelReader.Read(s)),
        ("KerasArchiveReader.Read", s => KerasArchiveReader.Read(s)),
        ("SafetensorsReader.Read", s => SafetensorsReader.Read(s)),
        ("OnnxModelReader.Read", s => OnnxModelReader.Read(s)),
        ("KerasHdf5Reader.Read", s => KerasHdf5Reader.Read(s)),
        ("KerasHdf5Reader.ReadArchive", s => KerasHdf5Reader.ReadArchive(s)),
    ];

    private static readonly (string Name, Func<string, ImportedModel> Read)[] PathReaders =
    [
        ("KerasModelReader.ReadFile", p => KerasModelReader.ReadFile(p)),
        ("TfjsModelReader.ReadFile", p => TfjsModelReader.ReadFile(p)),
        ("KerasArchiveReader.ReadFile", p => KerasArchiveReader.ReadFile(p)),
        ("SafetensorsReader.ReadFile", p => SafetensorsReader.ReadFile(p)),
        ("OnnxModelReader.ReadFile", p => OnnxModelReader.ReadFile(p)),
        ("KerasHdf5Reader.ReadFile", p => KerasHdf5Reader.ReadFile(p)),
        ("KerasHdf5Reader.ReadArchiveFile", p => KerasHdf5Reader.ReadArchiveFile(p)),
    ];

    [Fact]
    public void EveryStreamReader_NullOrUnreadableStream_ThrowsNamingTheStream()
    {
        var seen = new List<string>();
        foreach ((string name, Func<Stream, ImportedModel> read) in StreamReaders)
        {
            using var unreadable = new WriteOnlyStream();

            FluentActions.Invoking(() => read(null!)).Should().Throw<ArgumentNullException>(name).Which.ParamName.Should().Be("stream");
            FluentActions.Invoking(() => read(unreadable)).Should().Throw<ArgumentException>(name).Which.ParamName.Should().Be("stream");
            seen.Add(name);
        }

        seen.Should().HaveCount(7);
    }

    [Fact]
    public void EveryPathReader_NullOrEmptyPath_ThrowsNamingThePath()
    {
        foreach ((string name, Func<string, ImportedModel> read) in PathReaders)
        {
            FluentActions.Invoking(() => read(null!)).Should().Throw<ArgumentNullException>(name).Which.ParamName.Should().Be("path");
            FluentActions.Invoking(() => read(string.Empty)).Should().Throw<ArgumentException>(name).Which.ParamName.Should().Be("path");
            FluentActions.Invoking(() => read(Path.Combine(AppContext.BaseDirectory, "no-such-file"))).Should().Throw<FileNotFoundException>(name);
        }
    }

    [Fact]
    public void Parse_NullJson_ThrowsNamingIt()
    {
        FluentActions.Invoking(() => KerasModelReader.Parse(null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("json");
    }

    private sealed class WriteOnlyStream : MemoryStream
    {
        public override bool CanRead => false;
    }
}
