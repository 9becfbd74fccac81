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
            foreach (JsonElement row in Manifest().GetProperty("files").EnumerateArray())
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

    private static JsonElement Manifest() =>
        JsonDocument.Parse(File.ReadAllText(Fixtures.PathOf("h5-layouts", "manifest.json"))).RootElement;
}
