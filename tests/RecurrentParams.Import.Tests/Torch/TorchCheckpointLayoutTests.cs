using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Import.Tests.Hdf5;
using RecurrentParams.Import.Torch;
using Xunit;

namespace RecurrentParams.Import.Tests.Torch;

/// <summary>Checkpoint layouts written by hand: where the model is found in a wrapped checkpoint, deflated and damaged zips, legacy files that disagree with themselves, and the limits.</summary>
public sealed class TorchCheckpointLayoutTests
{
    [Fact]
    public void Read_UnknownKeys_TakeTheDictWithTheMostTensors()
    {
        byte[] pickle = new Pickler().Proto().EmptyDict().Mark()
            .Str("foo").EmptyDict().Str("a.weight").Tensor("FloatStorage", "0", 2, [2]).SetItem()
            .Str("bar").EmptyDict().Mark().Str("b.weight").Tensor("FloatStorage", "1", 2, [2]).Str("b.bias").Tensor("FloatStorage", "2", 2, [2]).SetItems()
            .Str("flag").Op(0x88).Str("name").Str("run-7").Str("lr").Op('G').Raw(0x3f, 0x50, 0x62, 0x4d, 0xd2, 0xf1, 0xa9, 0xfc)
            .SetItems().Stop().ToArray();

        ImportedModel model = TorchCheckpointReader.Read(new MemoryStream(TorchFiles.Zip(pickle, ("0", 8), ("1", 8), ("2", 8))));

        model.Metadata["state_dict_key"].Should().Be("bar");
        model.Metadata["other_tensors"].Should().Be("1");
        model.Metadata["checkpoint.flag"].Should().Be("True");
        model.Metadata["checkpoint.name"].Should().Be("run-7");
        model.Metadata["checkpoint.lr"].Should().Be("0.001");
        model.Summary.TotalParams.Should().Be(4);
    }

    [Fact]
    public void Read_NestedStateDict_NamesItsDottedPath()
    {
        byte[] pickle = new Pickler().Proto().EmptyDict()
            .Str("checkpoint").EmptyDict().Str("model").EmptyDict().Str("fc.weight").Tensor("FloatStorage", "0", 6, [3, 2]).SetItem().SetItem()
            .SetItem().Stop().ToArray();

        ImportedModel model = TorchCheckpointReader.Read(new MemoryStream(TorchFiles.Zip(pickle, ("0", 24))));

        model.Metadata["state_dict_key"].Should().Be("checkpoint.model");
        model.Summary.Rows.Single().Name.Should().Be("fc");
    }

    [Fact]
    public void Read_ListOfTensors_NamesEachByItsPlace()
    {
        byte[] pickle = new Pickler().Proto().EmptyList().Mark().Tensor("FloatStorage", "0", 4, [4]).Tensor("HalfStorage", "1", 6, [2, 3]).Op('e').Stop().ToArray();

        ImportedModel model = TorchCheckpointReader.Read(new MemoryStream(TorchFiles.Zip(pickle, ("0", 16), ("1", 12))));

        model.Metadata["content"].Should().Be("tensors");
        model.Tensors.Select(t => t.ToString()).Should().Equal("0 float32 (4,)", "1 float16 (2, 3)");
        model.Metadata["bytes.float16"].Should().Be("12");
    }

    [Fact]
    public void Read_ModuleUnderAKey_SaysWhichKey()
    {
        byte[] module = Fixtures.Bytes("torch", "module-lstm.pt");
        ImportedModel bare = TorchCheckpointReader.Read(new MemoryStream(module));

        // {'model': <the pickled nn.LSTM>, 'epoch': 1}: the module's pickle is spliced in after its PROTO opcode.
        byte[] inner = ExtractPickle(module, "module-lstm/data.pkl");
        byte[] pickle = new Pickler().Proto().EmptyDict().Str("epoch").Int(1).SetItem().Str("model").Raw(inner.AsSpan(2, inner.Length - 3).ToArray()).SetItem().Stop().ToArray();
        byte[] zip = Rezip(module, "module-lstm/data.pkl", pickle);

        ImportedModel model = TorchCheckpointReader.Read(new MemoryStream(zip));

        model.Metadata["module_key"].Should().Be("model");
        model.Metadata["content"].Should().Be("checkpoint");
        model.Summary.TotalParams.Should().Be(bare.Summary.TotalParams);
    }

    [Fact]
    public void Read_DeflatedPickle_IsInflatedWithinItsClaim()
    {
        byte[] zip = Deflated(Pickler.StateDict(("fc.weight", [2, 2])), ("archive/data/0", new byte[16]));

        ImportedModel model = TorchCheckpointReader.Read(new MemoryStream(zip));

        model.Summary.TotalParams.Should().Be(4);
    }

    [Fact]
    public void Read_DeflatedPickleInflatingPastItsClaim_IsABomb()
    {
        byte[] bomb = new Pickler().Proto().Str(new string('x', 1 << 20)).Op('0').Op('N').Stop().ToArray();
        byte[] zip = Deflated(bomb);
        int central = ZipBytes.Central(zip, "archive/data.pkl");
        ZipBytes.U32(zip, central + 24, 100);
        ZipBytes.U32(zip, ZipBytes.Local(zip, "archive/data.pkl") + 22, 100);

        string message = Refused(zip);

        message.Should().Be("At archive/data.pkl: the entry inflates to more than the 100 bytes its header claims");
    }

    [Fact]
    public void Read_DeflatedPickleShorterThanItsClaim_IsRefused()
    {
        byte[] zip = Deflated(Pickler.StateDict());
        int claimed = (int)BitConverter.ToUInt32(zip, ZipBytes.Central(zip, "archive/data.pkl") + 24) + 10;
        ZipBytes.U32(zip, ZipBytes.Central(zip, "archive/data.pkl") + 24, (uint)claimed);
        ZipBytes.U32(zip, ZipBytes.Local(zip, "archive/data.pkl") + 22, (uint)claimed);

        Refused(zip).Should().Contain("the entry inflates to " + (claimed - 10) + " bytes but its header claims " + claimed);
    }

    [Theory]
    [InlineData(8, 1, 0, "At archive/data.pkl: the entry is encrypted")]
    [InlineData(10, 12, 0, "At archive/data.pkl: the entry uses compression method 12; only stored (0) and deflated (8) entries are read")]
    public void Read_PickleEntryNotReadable_IsRefused(int field, int value, int unused, string expected)
    {
        _ = unused;
        byte[] zip = TorchFiles.Zip(Pickler.StateDict());
        ZipBytes.U16(zip, ZipBytes.Central(zip, "archive/data.pkl") + field, value);
        ZipBytes.U16(zip, ZipBytes.Local(zip, "archive/data.pkl") + field - 2, value);

        Refused(zip).Should().Be(expected);
    }

    [Fact]
    public void Read_TwoDataPickles_IsRefused()
    {
        using var stream = new MemoryStream();
        ZipBytes.WriteStored(stream, [("a/data.pkl", Pickler.StateDict()), ("b/data.pkl", Pickler.StateDict())]);

        Refused(stream.ToArray()).Should().Be("At the archive's central directory: expected one <archive>/data.pkl entry but found a/data.pkl, b/data.pkl");
    }

    [Fact]
    public void Read_DirectoryDamaged_IsRefusedWithTheHeader()
    {
        byte[] zip = TorchFiles.Zip(Pickler.StateDict(("w", [1])), ("0", 4));
        int end = ZipBytes.End(zip);

        byte[] moreEntries = (byte[])zip.Clone();
        ZipBytes.U16(moreEntries, end + 10, 9);
        Refused(moreEntries).Should().Contain("header 3 of the 9 the end record counts would start at byte");

        byte[] badSignature = (byte[])zip.Clone();
        ZipBytes.U32(badSignature, ZipBytes.Central(zip, "archive/data/0"), 0x12345678);
        Refused(badSignature).Should().Contain("expected central directory header 1 (signature PK\\1\\2)");

        byte[] longName = (byte[])zip.Clone();
        ZipBytes.U16(longName, ZipBytes.Central(zip, "archive/version") + 28, 60000);
        Refused(longName).Should().Contain("declares a 60000-byte name");

        byte[] farData = (byte[])zip.Clone();
        ZipBytes.U32(farData, ZipBytes.Central(zip, "archive/data/0") + 42, 0x7fffff00);
        Refused(farData).Should().Contain("At archive/data/0: the central directory puts the entry's 4 bytes at byte 2147483392, past the entries' area");

        Refused(zip, new ModelReaderOptions { MaxTensors = 2 }).Should().Be("At the archive's central directory: the end record counts 3 entries, more than the 2 ModelReaderOptions.MaxTensors allows");
    }

    [Fact]
    public void Read_ModuleTreeLargerThanMaxLayers_NamesTheLimit()
    {
        Action read = () => TorchCheckpointReader.ReadFile(Fixtures.PathOf("torch", "module-seq2seq.pt"), new ModelReaderOptions { MaxLayers = 3 });

        read.Should().Throw<ModelFormatException>().WithMessage("*the module tree holds more than the 3 modules ModelReaderOptions.MaxLayers allows");
    }

    [Fact]
    public void Read_TorchScriptCodeOverTheInflateBudget_FallsBackToRequiresGrad()
    {
        ImportedModel model = TorchCheckpointReader.ReadFile(Fixtures.PathOf("torch", "torchscript-scripted.pt"), new ModelReaderOptions { MaxInflatedBytes = 0 });

        model.Metadata["torchscript_code"].Should().StartWith("not all read");
        model.Summary.TotalParams.Should().Be(843);
        model.Metadata["buffers"].Should().Be("1", "the buffer 'scale' does not require grad");
    }

    [Fact]
    public void Read_LegacyWithOtherProtocolVersion_IsRefused()
    {
        byte[] file = TorchFiles.Legacy(Pickler.StateDict());
        file[18] = 0xe8; // BININT2 1001 → 1000

        FluentActions.Invoking(() => TorchCheckpointReader.Read(new MemoryStream(file))).Should().Throw<ModelFormatException>().WithMessage("*expected the legacy protocol version 1001 but found 1000");
    }

    [Fact]
    public void Read_LegacyKeyListDisagreeingWithTheObject_IsRefused()
    {
        byte[] pickle = Pickler.StateDict(("w", [2]));

        Refused(TorchFiles.Legacy(pickle, ("0", 2, 8), ("9", 1, 4))).Should().Contain("the storage key list names '9', which no tensor of the object refers to");
        Refused(TorchFiles.Legacy(pickle)).Should().Contain("the object refers to storage '0', which the storage key list does not name");
    }

    [Fact]
    public void Read_LegacyView_IsATensorInsideItsRootStorage()
    {
        byte[] pickle = new Pickler().Proto().EmptyDict().Str("w")
            .Global("torch._utils", "_rebuild_tensor_v2").Mark()
            .Mark().Str("storage").Global("torch", "FloatStorage").Str("0").Str("cpu").Int(10).Mark().Str("5").Int(4).Int(6).Tuple().Tuple().Op('Q')
            .Int(0).Ints(2, 3).Ints(3, 1).Op(0x89).Global("collections", "OrderedDict").EmptyTuple().Reduce().Tuple().Reduce()
            .SetItem().Stop().ToArray();

        ImportedModel model = TorchCheckpointReader.Read(new MemoryStream(TorchFiles.Legacy(pickle, ("0", 10, 40))));

        model.Tensors.Single().ToString().Should().Be("w float32 (2, 3)");
    }

    [Fact]
    public void Read_LegacyViewOutsideItsRoot_IsRefused()
    {
        byte[] pickle = new Pickler().Proto()
            .Mark().Str("storage").Global("torch", "FloatStorage").Str("0").Str("cpu").Int(10).Mark().Str("5").Int(8).Int(6).Tuple().Tuple().Op('Q')
            .Stop().ToArray();

        Refused(TorchFiles.Legacy(pickle, ("0", 10, 40))).Should().Contain("expected a storage view (view_key, offset, size) inside the 10 elements of storage '0'");
    }

    [Fact]
    public void Read_BadPersistentId_IsRefused()
    {
        byte[] pickle = new Pickler().Proto().Mark().Str("storage").Global("torch", "NotAStorage").Str("0").Str("cpu").Int(1).Tuple().Op('Q').Stop().ToArray();
        byte[] notATuple = new Pickler().Proto().Int(3).Op('Q').Stop().ToArray();

        Refused(TorchFiles.Zip(pickle, ("0", 4))).Should().Contain("expected a storage type (torch.FloatStorage, torch.HalfStorage, ...) but found torch.NotAStorage");
        Refused(TorchFiles.Legacy(pickle)).Should().Contain("expected a storage type (torch.FloatStorage, torch.HalfStorage, ...) but found torch.NotAStorage");
        Refused(TorchFiles.Zip(notATuple)).Should().Contain("expected a persistent id ('storage', storage_type, key, location, numel) but found an int");
        Refused(TorchFiles.Legacy(notATuple)).Should().Contain("expected a persistent id ('storage', storage_type, key, location, numel, view_metadata) but found an int");
    }

    [Fact]
    public void Read_StorageSharedByTwoTensors_IsOneStorage()
    {
        byte[] pickle = new Pickler().Proto().EmptyDict().Mark()
            .Str("a").Tensor("FloatStorage", "0", 8, [4]).Str("b").Tensor("FloatStorage", "0", 8, [4], offset: 4)
            .SetItems().Stop().ToArray();

        ImportedModel model = TorchCheckpointReader.Read(new MemoryStream(TorchFiles.Zip(pickle, ("0", 32))));

        model.Summary.TotalParams.Should().Be(8);
        model.Metadata["shared_tensors"].Should().Be("1");
    }

    private static string Refused(byte[] file, ModelReaderOptions? options = null) =>
        FluentActions.Invoking(() => TorchCheckpointReader.Read(new MemoryStream(file), options)).Should().Throw<ModelFormatException>().Which.Message;

    private static byte[] ExtractPickle(byte[] zip, string name)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var entry = new MemoryStream();
        archive.GetEntry(name)!.Open().CopyTo(entry);
        return entry.ToArray();
    }

    /// <summary>The same archive with one entry's bytes replaced, stored.</summary>
    private static byte[] Rezip(byte[] zip, string name, byte[] data)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var entries = archive.Entries.Select(e =>
        {
            using var content = new MemoryStream();
            e.Open().CopyTo(content);
            return (e.FullName, e.FullName == name ? data : content.ToArray());
        }).ToArray();
        using var output = new MemoryStream();
        ZipBytes.WriteStored(output, entries);
        return output.ToArray();
    }

    /// <summary>A zip whose <c>archive/data.pkl</c> is deflated (System.IO.Compression), the other entries stored.</summary>
    private static byte[] Deflated(byte[] pickle, params (string Name, byte[] Data)[] others)
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (Stream entry = archive.CreateEntry("archive/data.pkl", CompressionLevel.Optimal).Open())
            {
                entry.Write(pickle);
            }

            foreach ((string name, byte[] data) in others)
            {
                using Stream stored = archive.CreateEntry(name, CompressionLevel.NoCompression).Open();
                stored.Write(data);
            }
        }

        return output.ToArray();
    }
}
