using System;
using System.Diagnostics;
using System.IO;
using FluentAssertions;
using RecurrentParams.Import.Torch;
using Xunit;

namespace RecurrentParams.Import.Tests.Torch;

/// <summary>Hostile PyTorch files: code-running pickles, claims the bytes do not back, deep, cyclic and memo-abusing pickles; each ends in a ModelFormatException (or an inert read) within 64 MiB and 2 s.</summary>
public sealed class TorchHostileInputTests
{
    private const long Budget = 64L * 1024 * 1024;

    [Theory]
    [InlineData("hostile-os-system.pt", "At hostile-os-system/data.pkl, byte 2: the pickle names posix.system, a global that only serves to run code")]
    [InlineData("hostile-outside-global.pt", "At hostile-outside-global/data.pkl, byte 13: the pickle names webbrowser.open, a global that only serves to run code")]
    public void ReadFile_PickleThatRunsCode_IsRefusedBeforeAnythingRuns(string file, string expected)
    {
        Refused(() => TorchCheckpointReader.ReadFile(Fixtures.PathOf("torch", file))).Should().StartWith(expected);
    }

    [Theory]
    [InlineData("builtins", "eval")]
    [InlineData("__builtin__", "getattr")]
    [InlineData("subprocess", "Popen")]
    [InlineData("os.path", "join")]
    [InlineData("torch.hub", "load")]
    [InlineData("collections", "OrderedDict.__init__")]
    public void Read_GlobalOnlyCodeNeeds_IsRefusedOnSeekableAndForwardStreams(string module, string name)
    {
        byte[] pickle = new Pickler().Proto().Global(module, name).Mark().Str("x").Tuple().Reduce().Stop().ToArray();
        byte[] zip = TorchFiles.Zip(pickle);

        Refused(() => TorchCheckpointReader.Read(new MemoryStream(zip))).Should().Be("At archive/data.pkl, byte 2: the pickle names " + module + "." + name + ", a global that only serves to run code; this reader never calls a function a file names, and refuses files that name such globals");
        Refused(() => TorchCheckpointReader.Read(new NonSeekableStream(TorchFiles.Legacy(pickle)))).Should().Contain("the pickle names " + module + "." + name);
    }

    [Fact]
    public void Read_CallOutsideTheAllowList_IsAnInertRecordUnlessStrict()
    {
        byte[] pickle = new Pickler().Proto().EmptyDict().Mark()
            .Str("state_dict").Global("collections", "OrderedDict").EmptyTuple().Reduce().Mark().Str("fc.weight").Tensor("FloatStorage", "0", 6, [2, 3]).SetItems()
            .Str("extra").Global("mypackage.helpers", "make_thing").Mark().Str("arg").Tuple().Reduce()
            .SetItems().Stop().ToArray();
        byte[] zip = TorchFiles.Zip(pickle, ("0", 24));

        ImportedModel model = TorchCheckpointReader.Read(new MemoryStream(zip));

        model.Summary.TotalParams.Should().Be(6);
        model.Metadata["outside_allow_list"].Should().Be("mypackage.helpers.make_thing");
        Refused(() => TorchCheckpointReader.Read(new MemoryStream(zip), new ModelReaderOptions { Strict = true }))
            .Should().Contain("the pickle calls mypackage.helpers.make_thing, which is outside this reader's allow-list; with ModelReaderOptions.Strict such a call is refused");
    }

    [Fact]
    public void Read_StorageClaiming2Pow40Elements_IsRefusedFromTheDirectoryAlone()
    {
        byte[] pickle = new Pickler().Proto().EmptyDict().Str("w").Tensor("FloatStorage", "0", 1L << 40, [1L << 20, 1L << 20]).SetItem().Stop().ToArray();

        Refused(() => TorchCheckpointReader.Read(new MemoryStream(TorchFiles.Zip(pickle, ("0", 192)))))
            .Should().Be("At archive/data/0: storage '0' claims 1099511627776 float32 elements (4398046511104 bytes) but the entry holds 192 bytes");
    }

    [Fact]
    public void Read_TensorReachingPastItsStorage_IsRefused()
    {
        byte[] pickle = new Pickler().Proto().EmptyDict().Str("w").Tensor("FloatStorage", "0", 12, [1000, 1000]).SetItem().Stop().ToArray();

        Refused(() => TorchCheckpointReader.Read(new MemoryStream(TorchFiles.Zip(pickle, ("0", 48)))))
            .Should().Contain("a tensor of size (1000, 1000) with stride (1000, 1) at offset 0 reaches element 999999 of storage '0', which holds 12 float32 elements");
    }

    [Fact]
    public void Read_MissingStorageEntry_IsRefused()
    {
        byte[] pickle = Pickler.StateDict(("w", [2, 2]));

        Refused(() => TorchCheckpointReader.Read(new MemoryStream(TorchFiles.Zip(pickle))))
            .Should().Contain("the pickle refers to storage '0', but the archive has no entry archive/data/0");
    }

    [Fact]
    public void Read_TruncatedZip_IsRefused()
    {
        byte[] file = Fixtures.Bytes("torch", "state-dict-seq2seq.pt");

        Refused(() => TorchCheckpointReader.Read(new MemoryStream(file.AsSpan(0, file.Length / 2).ToArray())))
            .Should().Contain("expected the end of central directory record");
        Refused(() => TorchCheckpointReader.Read(new NonSeekableStream(file.AsSpan(0, file.Length - 30).ToArray())))
            .Should().Contain("end of central directory");
    }

    [Fact]
    public void Read_ZipWithoutDataPkl_IsNotATorchFile()
    {
        using var stream = new MemoryStream();
        Hdf5.ZipBytes.WriteStored(stream, [("config.json", "{}"u8.ToArray())]);

        Refused(() => TorchCheckpointReader.Read(new MemoryStream(stream.ToArray())))
            .Should().Be("At the archive's central directory: expected an entry <archive>/data.pkl; a zip without one is not a PyTorch checkpoint");
    }

    [Fact]
    public void Read_DeepMarks_StopAtMaxDepth()
    {
        var p = new Pickler().Proto();
        for (int k = 0; k < 100_000; k++)
        {
            p.Mark();
        }

        Refused(() => TorchCheckpointReader.Read(new MemoryStream(TorchFiles.Zip(p.Stop().ToArray()))))
            .Should().Be("At archive/data.pkl, byte 130: the pickle nests more than the 128 levels ModelReaderOptions.MaxDepth allows");
    }

    [Fact]
    public void Read_DeepListsWithoutMarks_StopAtMaxDepth()
    {
        var p = new Pickler().Proto();
        for (int k = 0; k < 5_000; k++)
        {
            p.EmptyList();
        }

        for (int k = 0; k < 4_999; k++)
        {
            p.Append();
        }

        Refused(() => TorchCheckpointReader.Read(new MemoryStream(TorchFiles.Zip(p.Stop().ToArray()))))
            .Should().Be("At archive/data.pkl: the pickled object nests deeper than the 128 levels ModelReaderOptions.MaxDepth allows");
    }

    [Fact]
    public void Read_MemoBomb_IsWalkedOnceNotExponentially()
    {
        // L0 = [tensor]; L(k+1) = [Lk] * 10 via the memo: 10^40 paths, 41 lists.
        var p = new Pickler().Proto().EmptyDict().Str("w").EmptyList().Tensor("FloatStorage", "0", 4, [4]).Append().Put(0).Op('0');
        for (int k = 1; k <= 40; k++)
        {
            p.EmptyList().Mark();
            for (int r = 0; r < 10; r++)
            {
                p.Get(k - 1);
            }

            p.Op('e').Put(k).Op('0');
        }

        byte[] zip = TorchFiles.Zip(p.Get(40).SetItem().Stop().ToArray(), ("0", 16));

        ImportedModel model = Inert(() => TorchCheckpointReader.Read(new MemoryStream(zip)));

        model.Metadata["content"].Should().Be("tensors");
        model.Tensors.Should().ContainSingle().Which.ElementCount.Should().Be(4);
    }

    [Fact]
    public void Read_CyclicPickle_Ends()
    {
        // d = {"self": d, "l": l} with l = [l], beside a state dict.
        byte[] pickle = new Pickler().Proto().EmptyDict().Put(0)
            .Str("self").Get(0).SetItem()
            .Str("l").EmptyList().Put(1).Get(1).Append().SetItem()
            .Str("model_state_dict").Global("collections", "OrderedDict").EmptyTuple().Reduce().Mark().Str("fc.weight").Tensor("FloatStorage", "0", 4, [2, 2]).Str("fc.bias").Tensor("FloatStorage", "1", 2, [2]).SetItems().SetItem()
            .Stop().ToArray();

        ImportedModel model = Inert(() => TorchCheckpointReader.Read(new MemoryStream(TorchFiles.Zip(pickle, ("0", 16), ("1", 8)))));

        model.Metadata["state_dict_key"].Should().Be("model_state_dict");
        model.Summary.TotalParams.Should().Be(6);
    }

    [Theory]
    [InlineData(0x68, "At archive/data.pkl, byte 2: the memo has no entry 7")]
    [InlineData(0xff, "At archive/data.pkl, byte 2: 0xff is not a pickle opcode")]
    [InlineData(0x82, "At archive/data.pkl, byte 2: the extension registry opcodes (EXT1, EXT2, EXT4) name code by number; this reader does not read them")]
    [InlineData(0x97, "At archive/data.pkl, byte 2: out-of-band buffers (NEXT_BUFFER, READONLY_BUFFER) are not part of a PyTorch file")]
    [InlineData(0x2e, "At archive/data.pkl, byte 2: STOP with 0 values and 0 marks on the stack; a pickle ends with exactly one value")]
    [InlineData(0x52, "At archive/data.pkl, byte 2: the opcode needs a value but the stack is empty above the last mark")]
    public void Read_BadOpcode_IsRefusedWithItsOffset(int opcode, string expected)
    {
        byte[] pickle = new Pickler().Proto().Op(opcode).Byte(7).Stop().ToArray();

        Refused(() => TorchCheckpointReader.Read(new MemoryStream(TorchFiles.Zip(pickle)))).Should().Be(expected);
    }

    [Fact]
    public void Read_HugeClaimedStringOnForwardStream_AllocatesWhatArrives()
    {
        // A legacy file whose object pickle claims a 60 MB string and then ends.
        byte[] pickle = new Pickler().Proto().Op('X').Raw(0x00, 0x87, 0x93, 0x03).Raw(new byte[10]).ToArray();
        byte[] file = TorchFiles.Legacy(pickle);

        Refused(() => TorchCheckpointReader.Read(new NonSeekableStream(file)))
            .Should().Contain("the input ends inside BINUNICODE; 599999");
        Refused(() => TorchCheckpointReader.Read(new MemoryStream(file)))
            .Should().Contain("BINUNICODE claims 60000000 bytes but only 16 remain");
    }

    [Fact]
    public void Read_HugeClaimedBytes_AreRefusedByTheDocumentLimit()
    {
        byte[] pickle = new Pickler().Proto().Op(0x8e).Raw(0, 0, 0, 0, 0, 0, 0, 0x40).ToArray();

        Refused(() => TorchCheckpointReader.Read(new NonSeekableStream(TorchFiles.Legacy(pickle))))
            .Should().Contain("BINBYTES8 claims 4611686018427387904 bytes, more than the 67,108,864 bytes ModelReaderOptions.MaxDocumentBytes allows in one pickle");
    }

    [Fact]
    public void Read_LegacyStorageCountDisagreeingWithItsTensor_IsRefused()
    {
        byte[] file = TorchFiles.Legacy(Pickler.StateDict(("w", [2, 2])), ("0", 5, 20));

        Refused(() => TorchCheckpointReader.Read(new MemoryStream(file)))
            .Should().Contain("storage '0' holds 5 elements here but the object's persistent id claims 4");
    }

    [Fact]
    public void Read_LegacyStorageClaimingMoreBytesThanTheFile_IsRefusedOnBothStreams()
    {
        byte[] pickle = new Pickler().Proto().EmptyDict().Str("w").Tensor("FloatStorage", "0", 1L << 40, [1L << 20, 1L << 20]).SetItem().Stop().ToArray();
        byte[] file = TorchFiles.Legacy(pickle, ("0", 1L << 40, 64));

        Refused(() => TorchCheckpointReader.Read(new MemoryStream(file))).Should().Contain("storage '0' (1099511627776 float32 elements) claims 4398046511104 bytes but only 64 remain");
        Refused(() => TorchCheckpointReader.Read(new NonSeekableStream(file))).Should().Contain("the input ends inside storage '0' (1099511627776 float32 elements)");
    }

    [Fact]
    public void Read_LegacyWithoutMagic_IsRefused()
    {
        byte[] file = new Pickler().Proto().Int(12).Stop().ToArray();

        Refused(() => TorchCheckpointReader.Read(new MemoryStream(file))).Should().Be("At the file, byte 0: expected the pickled magic number 0x1950a86a20f9469cfc6c of a legacy PyTorch file");
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 1, 2, 3 })]
    public void Read_NeitherZipNorPickle_IsRefused(byte[] bytes)
    {
        Refused(() => TorchCheckpointReader.Read(new MemoryStream(bytes))).Should().Contain("expected a PyTorch file");
        Refused(() => TorchCheckpointReader.Read(new NonSeekableStream(bytes))).Should().Contain("expected a PyTorch file");
    }

    [Fact]
    public void Read_MoreTensorsThanMaxTensors_NamesTheLimit()
    {
        byte[] zip = TorchFiles.Zip(Pickler.StateDict(("a", [1]), ("b", [1]), ("c", [1])), ("0", 4), ("1", 4), ("2", 4));

        Refused(() => TorchCheckpointReader.Read(new MemoryStream(zip), new ModelReaderOptions { MaxTensors = 2 }))
            .Should().Contain("more than the 2 ModelReaderOptions.MaxTensors allows");
    }

    [Fact]
    public void Read_LongerNameThanMaxNameLength_NamesTheLimit()
    {
        byte[] zip = TorchFiles.Zip(Pickler.StateDict((new string('w', 40), [1])), ("0", 4));

        Refused(() => TorchCheckpointReader.Read(new MemoryStream(zip), new ModelReaderOptions { MaxNameLength = 32 }))
            .Should().Contain("a tensor name is 40 characters, more than the 32 ModelReaderOptions.MaxNameLength allows");
    }

    [Fact]
    public void Read_PickleLongerThanMaxDocumentBytes_IsRefusedBeforeItIsRead()
    {
        byte[] zip = TorchFiles.Zip(Pickler.StateDict(("w", [1])), ("0", 4));

        Refused(() => TorchCheckpointReader.Read(new MemoryStream(zip), new ModelReaderOptions { MaxDocumentBytes = 64 }))
            .Should().Contain("more than the 64 bytes ModelReaderOptions.MaxDocumentBytes allows in one pickle");
    }

    [Fact]
    public void Read_NullOrUnreadableStream_ThrowsArgumentException()
    {
        FluentActions.Invoking(() => TorchCheckpointReader.Read(null!)).Should().Throw<ArgumentNullException>().WithParameterName("stream");
        FluentActions.Invoking(() => TorchCheckpointReader.ReadFile(string.Empty)).Should().Throw<ArgumentException>().WithParameterName("path");
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 2, 0x8a, 10, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e }, true)]
    [InlineData(new byte[] { 0x80, 2, 0x8a, 10, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x18, 0x2e }, false)]
    [InlineData(new byte[] { 0x50, 0x4b }, false)]
    public void LooksLikeTorch_Head_TellsTheLegacyMagic(byte[] head, bool expected)
    {
        TorchCheckpointReader.LooksLikeTorch(head).Should().Be(expected);
    }

    [Fact]
    public void LooksLikeTorch_OtherZip_IsFalse()
    {
        using var stream = new MemoryStream();
        Hdf5.ZipBytes.WriteStored(stream, [("config.json", "{}"u8.ToArray())]);

        TorchCheckpointReader.LooksLikeTorch(stream.ToArray()).Should().BeFalse();
        TorchCheckpointReader.LooksLikeTorch(TorchFiles.Zip(Pickler.StateDict())).Should().BeTrue();
    }

    /// <summary>Runs a read that must fail, within the budgets, and returns the message.</summary>
    private static string Refused(Func<ImportedModel> read)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        ModelFormatException error = FluentActions.Invoking(read).Should().Throw<ModelFormatException>().Which;
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(Budget);
        return error.Message;
    }

    private static ImportedModel Inert(Func<ImportedModel> read)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        ImportedModel model = read();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(Budget);
        return model;
    }
}
