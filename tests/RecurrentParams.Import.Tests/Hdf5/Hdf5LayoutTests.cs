using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using FluentAssertions;
using RecurrentParams.Import.Hdf5;
using Xunit;

namespace RecurrentParams.Import.Tests.Hdf5;

/// <summary>
/// The HDF5 reader on the newer layouts (superblock 3, version 2 object headers, link messages, dense links and
/// attributes in fractal heaps indexed by v2 B-trees) and on a file with a user block, against what h5py lists for the
/// same files (tools/oracles/files/h5_layouts.py) and against the legacy file each was copied from.
/// </summary>
public sealed class Hdf5LayoutTests
{
    public static TheoryData<string> Files
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (JsonElement row in Manifest().GetProperty("files").EnumerateArray().Where(r => r.GetProperty("file").GetString() != "shared-group.h5"))
            {
                data.Add(row.GetProperty("file").GetString()!);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ReadFile_NewerLayout_ListsTheDatasetsH5pyLists(string file)
    {
        JsonElement row = Manifest().GetProperty("files").EnumerateArray().Single(r => r.GetProperty("file").GetString() == file);
        string[] expected = row.GetProperty("datasets").EnumerateArray()
            .Select(d => d.GetProperty("path").GetString()! + " " + d.GetProperty("dtype").GetString() + " (" + string.Join(", ", d.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64())) + (d.GetProperty("shape").GetArrayLength() == 1 ? ",)" : ")"))
            .Select(t => t.StartsWith("model_weights/", StringComparison.Ordinal) ? t["model_weights/".Length..] : t)
            .ToArray();

        ImportedModel model = KerasHdf5Reader.ReadFile(Fixtures.PathOf("h5-layouts", file));

        model.Tensors.Select(t => t.ToString()).Should().BeEquivalentTo(expected);
        if (row.GetProperty("source").GetString() is string source)
        {
            ImportedModel legacy = KerasHdf5Reader.ReadFile(Fixtures.PathOf("h5", source));
            model.Summary.Render(SummaryFormat.Keras3).Should().Be(legacy.Summary.Render(SummaryFormat.Keras3).Replace(Path.GetFileNameWithoutExtension(source), Path.GetFileNameWithoutExtension(file), StringComparison.Ordinal));
            model.Tensors.Should().Equal(legacy.Tensors);
            model.Metadata.Should().Equal(legacy.Metadata);
        }
    }

    [Fact]
    public void ReadFile_DenseLinksAndAttributes_FollowsLayerNamesOrder()
    {
        JsonElement row = Manifest().GetProperty("files").EnumerateArray().Single(r => r.GetProperty("file").GetString() == "latest-dense.h5");
        string[] order = row.GetProperty("layerOrder").EnumerateArray().Select(e => e.GetString()!).ToArray();

        ImportedModel model = KerasHdf5Reader.ReadFile(Fixtures.PathOf("h5-layouts", "latest-dense.h5"));

        model.Summary.Rows.Select(r => r.Name).Should().Equal(order);
        model.Metadata["keras_version"].Should().Be("2.9.0");
        model.Metadata["backend"].Should().Be("tensorflow");
        model.StoredParams.Should().Be(Enumerable.Range(1, 12).Sum(k => (3 * k) + 3));
    }

    [Fact]
    public void Read_UserBlockFileOnAForwardOnlyStream_ReadsTheSame()
    {
        byte[] bytes = Fixtures.Bytes("h5-layouts", "userblock-keras3-blog-simplernn.h5");

        ImportedModel model = KerasHdf5Reader.Read(new NonSeekableStream(bytes));

        model.Summary.TotalParams.Should().Be(KerasHdf5Reader.ReadFile(Fixtures.PathOf("h5", "keras3-blog-simplernn.h5")).Summary.TotalParams);
        model.CountsAgree.Should().BeTrue();
    }

    [Fact]
    public void ReadFile_GroupLinkedTwiceOrToItself_IsRefused()
    {
        Action read = () => KerasHdf5Reader.ReadFile(Fixtures.PathOf("h5-layouts", "shared-group.h5"));

        read.Should().Throw<ModelFormatException>().WithMessage("At byte 800: layer is an object already reached through another link (a cycle, or a group linked twice); Keras files are trees");
    }

    [Fact]
    public void Layout_CompactContiguousAndChunked_AreWhereH5pySays()
    {
        JsonElement row = Manifest().GetProperty("files").EnumerateArray().Single(r => r.GetProperty("file").GetString() == "layouts.h5");
        using FileStream stream = File.OpenRead(Fixtures.PathOf("h5-layouts", "layouts.h5"));
        var file = new RecurrentParams.Import.Hdf5.Format.H5File(stream, null);
        var root = new RecurrentParams.Import.Hdf5.Format.H5Object(file, file.Root, 100);
        var links = root.Links();

        links.Select(l => l.Name).Should().Equal("chunked", "compact", "contiguous");
        foreach (JsonElement expected in row.GetProperty("layouts").EnumerateArray())
        {
            var dataset = new RecurrentParams.Import.Hdf5.Format.H5Object(file, links.Single(l => l.Name == expected.GetProperty("path").GetString()).Address, 100);
            var layout = dataset.Layout;
            layout.Class.Should().Be(expected.GetProperty("layout").GetInt32());
            layout.Version.Should().Be(3);
            if (expected.GetProperty("address").ValueKind == JsonValueKind.Number)
            {
                layout.Address.Should().Be(expected.GetProperty("address").GetInt64());
                layout.Size.Should().Be(expected.GetProperty("storage").GetUInt64());
            }

            if (layout.Class == 0)
            {
                layout.Size.Should().Be(expected.GetProperty("storage").GetUInt64());
            }

            if (expected.GetProperty("chunk").ValueKind == JsonValueKind.Array)
            {
                layout.Chunk.Take(2).Should().Equal(expected.GetProperty("chunk").EnumerateArray().Select(c => c.GetUInt64()));
                layout.Chunk[^1].Should().Be(4, "layout version 3 ends the chunk's dimensions with the element size");
                layout.Address.Should().NotBeNull();
            }
        }

        root.Attribute("space_padded")!.Strings(100, "a", "MaxNameLength").Should().Equal("abc");
        root.Attribute("null_padded")!.Strings(100, "a", "MaxNameLength").Should().Equal("abc");
        root.Attribute("null_terminated")!.Strings(100, "a", "MaxNameLength").Should().Equal("abc");
    }

    [Fact]
    public void ReadFile_SoftAndExternalLinks_AreNotFollowed()
    {
        ImportedModel model = KerasHdf5Reader.ReadFile(Fixtures.PathOf("h5-layouts", "layouts.h5"));

        model.Tensors.Select(t => t.Name).Should().Equal("chunked", "compact", "contiguous");
        model.Tensors.Should().OnlyContain(t => t.DataType == "float32" && t.Shape.ElementCount == 24);
    }

    [Fact]
    public void FieldMap_OfARealFile_ListsTheFieldsTheReaderDecodes()
    {
        byte[] bytes = Fixtures.Bytes("h5", "keras3-blog-simplernn.h5");

        var fields = KerasHdf5Reader.FieldMap(bytes);

        fields.Should().Contain((13L, 1)).And.Contain((14L, 1), "the superblock's widths of offsets and lengths");
        fields.Should().OnlyContain(f => f.Offset >= 0 && f.Offset + f.Width <= bytes.Length && f.Width >= 1 && f.Width <= 8);
        KerasHdf5Reader.FieldMap([1, 2, 3]).Should().BeEmpty();
    }

    private static JsonElement Manifest() =>
        JsonDocument.Parse(File.ReadAllText(Fixtures.PathOf("h5-layouts", "manifest.json"))).RootElement;
}
