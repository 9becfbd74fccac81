using System;
using System.IO;
using System.Linq;
using System.Text;
using FluentAssertions;
using RecurrentParams.Import.Torch;
using RecurrentParams.Import.Torch.Pickle;
using Xunit;

namespace RecurrentParams.Import.Tests.Torch;

/// <summary>The restricted pickle reader, opcode by opcode: the values Python's pickle module gives for the same bytes (see pickletools), as inert records.</summary>
public sealed class PickleMachineTests
{
    [Theory]
    [InlineData("I42\n.", 42L)]
    [InlineData("I-7\n.", -7L)]
    [InlineData("L12345678901234L\n.", 12345678901234L)]
    [InlineData("I01\n.", true)]
    [InlineData("I00\n.", false)]
    [InlineData("F2.5\n.", 2.5)]
    [InlineData("S'abc'\n.", "abc")]
    [InlineData("Vtext\n.", "text")]
    [InlineData("N.", null)]
    public void Load_TextOpcodes_GivePythonsValues(string pickle, object? expected)
    {
        Load(Encoding.ASCII.GetBytes(pickle)).Should().Be(expected);
    }

    [Fact]
    public void Load_BinaryScalars_GivePythonsValues()
    {
        Load(new Pickler().Proto().Op('M').Raw(0x34, 0x12).Stop().ToArray()).Should().Be(0x1234L);
        Load(new Pickler().Proto().Op('J').Raw(0xff, 0xff, 0xff, 0xff).Stop().ToArray()).Should().Be(-1L);
        Load(new Pickler().Proto().Op(0x8a).Byte(2).Raw(0xff, 0x7f).Stop().ToArray()).Should().Be(0x7fffL);
        Load(new Pickler().Proto().Op(0x8a).Byte(1).Raw(0xff).Stop().ToArray()).Should().Be(-1L);
        Load(new Pickler().Proto().Op(0x8a).Byte(0).Stop().ToArray()).Should().Be(0L);
        Load(new Pickler().Proto().Op(0x8b).Raw(9, 0, 0, 0).Raw(new byte[9]).Stop().ToArray()).Should().BeOfType<PickleBigInteger>().Which.Bytes.Should().HaveCount(9);
        Load(Encoding.ASCII.GetBytes("L119547037146038801333356L\n.")).Should().BeOfType<PickleBigInteger>().Which.Bytes.Should().Equal(TorchLegacy.Magic);
        Load(new Pickler().Proto().Op('G').Raw(0x3f, 0xf8, 0, 0, 0, 0, 0, 0).Stop().ToArray()).Should().Be(1.5);
        Load(new Pickler().Proto().Op('T').Raw(2, 0, 0, 0).Raw((byte)'h', (byte)'i').Stop().ToArray()).Should().Be("hi");
        Load(new Pickler().Proto().Op('U').Byte(2).Raw((byte)'o', (byte)'k').Stop().ToArray()).Should().Be("ok");
        Load(new Pickler().Proto(4).Op(0x8c).Byte(1).Raw((byte)'x').Stop().ToArray()).Should().Be("x");
        Load(new Pickler().Proto(4).Op(0x8d).Raw(1, 0, 0, 0, 0, 0, 0, 0).Raw((byte)'y').Stop().ToArray()).Should().Be("y");
        Load(new Pickler().Proto(3).Op('B').Raw(3, 0, 0, 0).Raw(1, 2, 3).Stop().ToArray()).Should().BeOfType<PickleBytes>().Which.Length.Should().Be(3);
        Load(new Pickler().Proto(3).Op('C').Byte(2).Raw(1, 2).Stop().ToArray()).Should().BeOfType<PickleBytes>().Which.Length.Should().Be(2);
        Load(new Pickler().Proto(4).Op(0x8e).Raw(1, 0, 0, 0, 0, 0, 0, 0).Raw(9).Stop().ToArray()).Should().BeOfType<PickleBytes>().Which.Length.Should().Be(1);
        Load(new Pickler().Proto(5).Op(0x96).Raw(1, 0, 0, 0, 0, 0, 0, 0).Raw(9).Stop().ToArray()).Should().BeOfType<PickleBytes>().Which.Length.Should().Be(1);
    }

    [Fact]
    public void Load_Containers_KeepOrderAndSharing()
    {
        // (d, s, f, t) with l = [1, 2] kept in the memo (text PUT/GET), d = {'a': l}, s = {3}, f = frozenset({4}), t = (l,).
        byte[] pickle = new Pickler().Proto()
            .Mark().Int(1).Int(2).Op('l').Raw(Encoding.ASCII.GetBytes("p0\n")).Op('0')
            .Mark()
            .Mark().Str("a").Raw(Encoding.ASCII.GetBytes("g0\n")).Op('d')
            .Op(0x8f).Mark().Int(3).Op(0x90)
            .Mark().Int(4).Op(0x91)
            .Get(0).Op(0x85).Put(1).Op('2').Op('0')
            .Tuple().Stop().ToArray();

        var tuple = (PickleTuple)Load(pickle)!;

        tuple.Items.Should().HaveCount(4);
        var dict = (PickleDict)tuple.Items[0]!;
        dict.TryGet("a", out object? list).Should().BeTrue();
        ((PickleList)list!).Items.Should().Equal(1L, 2L);
        ((PickleSet)tuple.Items[1]!).Items.Should().Equal(3L);
        ((PickleSet)tuple.Items[2]!).Items.Should().Equal(4L);
        ((PickleTuple)tuple.Items[3]!).Items[0].Should().BeSameAs(list);
    }

    [Fact]
    public void Load_PopMarkAndDup_FollowPythonsStack()
    {
        Load(new Pickler().Proto().Int(1).Mark().Int(2).Int(3).Op('1').Stop().ToArray()).Should().Be(1L);
        Load(new Pickler().Proto().Int(5).Mark().Op('0').Stop().ToArray()).Should().Be(5L);
        Load(new Pickler().Proto().Int(5).Op('2').Op(0x86).Stop().ToArray()).Should().BeOfType<PickleTuple>().Which.Items.Should().Equal(5L, 5L);
    }

    [Fact]
    public void Load_ClassesAndCalls_AreInertRecords()
    {
        byte[] pickle = new Pickler().Proto(4)
            .Mark()
            .Str("mymodule").Str("Thing").Op(0x93).EmptyTuple().EmptyDict().Op(0x92).EmptyDict().Str("k").Int(1).SetItem().Op('b')
            .Mark().Raw(Encoding.ASCII.GetBytes("iother\nKind\n"))
            .Mark().Global("third", "Cls").Int(7).Op('o')
            .Global("copyreg", "_reconstructor").Mark().Global("user", "Obj").Global("builtins", "object").Op('N').Tuple().Reduce()
            .Global("user", "Obj").EmptyTuple().Op(0x81).Int(1).Append().Str("x").Int(2).SetItem()
            .Op('t').Stop().ToArray();

        object?[] items = ((PickleTuple)Load(pickle)!).Items.ToArray();

        items.Should().AllBeOfType<PickleObject>();
        var thing = (PickleObject)items[0]!;
        thing.Type.FullName.Should().Be("mymodule.Thing");
        ((PickleDict)thing.State!).TryGet("k", out object? k).Should().BeTrue();
        k.Should().Be(1L);
        ((PickleObject)items[1]!).Type.ToString().Should().Be("other.Kind");
        ((PickleObject)items[2]!).Arguments.Should().Equal(7L);
        ((PickleObject)items[3]!).Type.FullName.Should().Be("user.Obj");
        ((PickleObject)items[4]!).Items.Should().Equal(1L);
        ((PickleObject)items[4]!).Entries.Count.Should().Be(1);
    }

    [Fact]
    public void Load_InterpretedCalls_GiveTheirValues()
    {
        byte[] pickle = new Pickler().Proto().Mark()
            .Global("collections", "defaultdict").Mark().Global("builtins", "list").Tuple().Reduce()
            .Global("builtins", "set").Mark().EmptyList().Mark().Int(1).Op('e').Tuple().Reduce()
            .Global("builtins", "list").Mark().Mark().Int(1).Int(2).Tuple().Tuple().Reduce()
            .Global("torch", "Size").Mark().Mark().Int(3).Int(4).Tuple().Tuple().Reduce()
            .Global("_codecs", "encode").Mark().Str("abc").Str("latin1").Tuple().Reduce()
            .Global("torch", "device").Mark().Str("cuda:0").Tuple().Reduce()
            .Global("torch.jit._pickle", "restore_type_tag").Mark().Int(9).Str("int").Tuple().Reduce()
            .Global("torch.jit._pickle", "build_intlist").Mark().EmptyList().Tuple().Reduce()
            .Global("collections", "OrderedDict").Mark().EmptyList().Mark().Int(1).Int(2).Op(0x86).Op('e').Tuple().Reduce()
            .Global("builtins", "tuple").Mark().EmptyList().Tuple().Reduce()
            .Global("builtins", "dict").EmptyTuple().Op(0x81)
            .Global("builtins", "frozenset").EmptyTuple().Op(0x81)
            .Global("torch", "Size").Mark().Int(5).Tuple().Op(0x81)
            .Global("numpy.core.multiarray", "scalar").Mark().Tuple().Reduce()
            .Tuple().Stop().ToArray();
        var globals = new TorchGlobals(ModelReaderOptions.Default);

        object?[] items = ((PickleTuple)Load(pickle, globals)!).Items.ToArray();

        items[0].Should().BeOfType<PickleDict>();
        ((PickleSet)items[1]!).Items.Should().Equal(1L);
        ((PickleList)items[2]!).Items.Should().Equal(1L, 2L);
        ((PickleTuple)items[3]!).Items.Should().Equal(3L, 4L);
        ((PickleBytes)items[4]!).Length.Should().Be(3);
        items[5].Should().Be("cuda:0");
        items[6].Should().Be(9L);
        items[7].Should().BeOfType<PickleList>();
        ((PickleDict)items[8]!).Entries.Single().Key.Should().Be(1L);
        items[9].Should().BeOfType<PickleTuple>();
        items[10].Should().BeOfType<PickleDict>();
        items[11].Should().BeOfType<PickleSet>();
        ((PickleTuple)items[12]!).Items.Should().Equal(5L);
        items[13].Should().BeOfType<PickleObject>();
        globals.Outside.Should().BeEmpty("numpy scalars are expected beside a model and kept inert without a report");
    }

    [Fact]
    public void Load_TensorRebuilders_KeepSizeDtypeAndRequiresGrad()
    {
        var storage = new TorchStorage("0", "qint8", 1, 12, "cpu", "test");
        byte[] pickle = new Pickler().Proto().Mark()
            .Global("torch._utils", "_rebuild_qtensor").Mark().Op('N').Op('Q').Int(0).Ints(3, 4).Ints(4, 1).Mark().Global("torch", "per_tensor_affine").Op('G').Raw(0x3f, 0xf0, 0, 0, 0, 0, 0, 0).Int(0).Tuple().Op(0x88).EmptyDict().Tuple().Reduce()
            .Global("torch._utils", "_rebuild_meta_tensor_no_storage").Mark().Global("torch", "bfloat16").Ints(2, 5).Ints(5, 1).Op(0x88).Tuple().Reduce()
            .Global("torch._tensor", "_rebuild_from_type_v2").Mark().Global("torch._utils", "_rebuild_tensor").Global("torch.nn.parameter", "Parameter").Mark().Op('N').Op('Q').Int(0).Ints(12).Ints(1).Tuple().EmptyDict().Tuple().Reduce()
            .Global("torch._utils", "_rebuild_parameter_with_state").Mark().Global("torch._utils", "_rebuild_tensor").Mark().Op('N').Op('Q').Int(2).Ints(10).Ints(1).Tuple().Reduce().Op(0x89).EmptyDict().EmptyDict().Tuple().Reduce()
            .Tuple().Stop().ToArray();
        object?[] items = ((PickleTuple)Load(pickle, persistent: (_, _) => storage)!).Items.ToArray();

        var q = (TorchTensor)items[0]!;
        q.Size.Should().Equal(3, 4);
        q.DataType.Should().Be("qint8");
        q.Quantization.Should().Be("torch.per_tensor_affine");
        q.RequiresGrad.Should().BeTrue();
        var meta = (TorchTensor)items[1]!;
        meta.Storage.Should().BeNull();
        meta.DataType.Should().Be("bfloat16");
        ((TorchTensor)items[2]!).IsParameter.Should().BeTrue();
        var frozen = (TorchTensor)items[3]!;
        frozen.IsParameter.Should().BeTrue();
        frozen.RequiresGrad.Should().BeFalse();
    }

    [Theory]
    [InlineData("torch._utils", "_rebuild_tensor_v2", "a tensor is rebuilt from (storage, storage_offset, size, stride, ...) but the arguments are (an int)")]
    [InlineData("torch._utils", "_rebuild_qtensor", "a tensor is rebuilt from (storage, storage_offset, size, stride, ...) but the arguments are (an int)")]
    [InlineData("torch._utils", "_rebuild_parameter", "a parameter is rebuilt from (tensor, requires_grad, ...) but the arguments are (an int)")]
    [InlineData("torch._utils", "_rebuild_meta_tensor_no_storage", "a meta tensor is rebuilt from (dtype, size, stride, ...) but the arguments are (an int)")]
    [InlineData("torch._tensor", "_rebuild_from_type_v2", "_rebuild_from_type_v2 expects (function, type, arguments, ...) but the arguments are (an int)")]
    [InlineData("copyreg", "_reconstructor", "copyreg._reconstructor expects a class as its first argument")]
    [InlineData("copyreg", "__newobj__", "copyreg.__newobj__ expects a class as its first argument")]
    [InlineData("collections", "OrderedDict", "an OrderedDict is built from (key, value) pairs")]
    public void Load_RebuilderWithWrongArguments_IsRefused(string module, string name, string expected)
    {
        byte[] pickle = new Pickler().Proto().Global(module, name).Mark().Op(module == "collections" ? ']' : 'K').Raw(module == "collections" ? [0x4b, 1, 0x61] : [1]).Tuple().Reduce().Stop().ToArray();

        FluentActions.Invoking(() => Load(pickle)).Should().Throw<ModelFormatException>().WithMessage("At test, byte *: " + expected);
    }

    [Theory]
    [InlineData(new long[] { -1 }, "a tensor's size must hold non-negative ints but holds an int")]
    [InlineData(new long[] { 2, 2, 2 }, "a tensor's size has 3 dimensions but its stride 1")]
    public void Load_TensorWithBadSize_IsRefused(long[] size, string expected)
    {
        var storage = new TorchStorage("0", "float32", 4, 100, "cpu", "test");
        byte[] pickle = new Pickler().Proto().Global("torch._utils", "_rebuild_tensor_v2").Mark().Op('N').Op('Q').Int(0).Ints(size).Ints(1).Op(0x89).EmptyDict().Tuple().Reduce().Stop().ToArray();

        FluentActions.Invoking(() => Load(pickle, persistent: (_, _) => storage)).Should().Throw<ModelFormatException>().WithMessage("*" + expected);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 9 }, "pickle protocol 9 is not one of 0 to 5")]
    [InlineData(new byte[] { (byte)'t' }, "the opcode needs a MARK but there is none")]
    [InlineData(new byte[] { (byte)'I', (byte)'x', 10 }, "INT expects a decimal integer")]
    [InlineData(new byte[] { (byte)'F', (byte)'x', 10 }, "FLOAT expects a decimal number")]
    [InlineData(new byte[] { (byte)'S', (byte)'x', 10 }, "STRING expects a quoted string")]
    [InlineData(new byte[] { (byte)'g', (byte)'x', 10 }, "GET expects a decimal memo index")]
    [InlineData(new byte[] { (byte)'c', (byte)'o', (byte)'s', (byte)' ', 10, (byte)'x', 10 }, "a global's module and name are Python identifiers separated by dots, but found \"os \"")]
    [InlineData(new byte[] { (byte)'c', 10, (byte)'x', 10 }, "a global's module and name must be 1 to 4,096 characters (ModelReaderOptions.MaxNameLength)")]
    [InlineData(new byte[] { (byte)'K', 1, (byte)'K', 2, 0x93 }, "STACK_GLOBAL expects a module name and a name (two strings)")]
    [InlineData(new byte[] { (byte)'K', 1, (byte)')', (byte)'R' }, "REDUCE expects a global (a class or function the pickle names) but found an int")]
    [InlineData(new byte[] { (byte)']', (byte)'K', 1, (byte)'R' }, "REDUCE expects a global (a class or function the pickle names) but found a list")]
    [InlineData(new byte[] { (byte)'(', (byte)'o' }, "OBJ expects a class above the mark")]
    [InlineData(new byte[] { (byte)'K', 1, (byte)'K', 1, (byte)'a' }, "APPEND expects a list below its items but found an int")]
    [InlineData(new byte[] { (byte)'K', 1, (byte)'(', (byte)'K', 1, (byte)'u' }, "SETITEMS expects key-value pairs but found an odd number of values")]
    [InlineData(new byte[] { (byte)'K', 1, (byte)'(', (byte)'K', 1, (byte)'K', 1, (byte)'u' }, "SETITEM expects a dict below its pairs but found an int")]
    [InlineData(new byte[] { (byte)'K', 1, (byte)'(', (byte)'K', 1, (byte)0x90 }, "ADDITEMS expects a set below the mark")]
    [InlineData(new byte[] { (byte)'K' }, "the input ends inside BININT1; 1 more bytes were expected")]
    [InlineData(new byte[] { (byte)'K', 1 }, "the input ends before the pickle's STOP opcode")]
    [InlineData(new byte[] { (byte)'I', (byte)'1' }, "the input ends inside INT; 1 more bytes were expected")]
    [InlineData(new byte[] { 0x8b, 0xff, 0xff, 0xff, 0xff }, "LONG4 claims a negative length (-1)")]
    public void Load_Malformed_IsRefusedWithItsOffset(byte[] body, string expected)
    {
        byte[] pickle = new byte[body.Length + 2];
        pickle[0] = 0x80;
        pickle[1] = 2;
        body.CopyTo(pickle, 2);
        if (body.Length > 2 && body[0] == 0x80)
        {
            pickle = body;
        }

        FluentActions.Invoking(() => Load(pickle)).Should().Throw<ModelFormatException>().WithMessage("At test, byte *: " + expected);
    }

    [Fact]
    public void Load_LongTextLine_IsRefusedAtTheNameLimit()
    {
        byte[] pickle = Encoding.ASCII.GetBytes("c" + new string('a', 40) + "\nb\n.");

        FluentActions.Invoking(() => Load(pickle, options: new ModelReaderOptions { MaxNameLength = 16 }))
            .Should().Throw<ModelFormatException>().WithMessage("At test, byte 17: a GLOBAL module name is longer than the 16 characters ModelReaderOptions.MaxNameLength allows");
    }

    [Fact]
    public void Load_TextPersistentId_IsPassedOn()
    {
        Load(Encoding.ASCII.GetBytes("Pkey\n."), persistent: (pid, _) => "loaded " + pid).Should().Be("loaded key");
    }

    [Fact]
    public void Describe_EveryValue_NamesItsKind()
    {
        object?[] values = [null, true, 1L, 1.0, "s", PickleTuple.Empty, new PickleList(), new PickleDict(), new PickleSet(), new PickleBytes(1), new PickleBigInteger([1]), new PickleGlobal("m", "n"), new PickleObject(new PickleGlobal("m", "C"), [], false), new TorchStorage("0", "float32", 4, 1, "cpu", "x"), new TorchTensor(null, "float32", [1], false), 'c'];

        values.Select(PickleMachine.Describe).Should().Equal("None", "a bool", "an int", "a float", "a str", "a tuple", "a list", "a dict", "a set", "bytes", "an int", "the global m.n", "an object of m.C", "a storage", "a tensor", "a value");
    }

    private static object? Load(byte[] pickle, TorchGlobals? globals = null, Func<object?, string, object?>? persistent = null, ModelReaderOptions? options = null)
    {
        options ??= ModelReaderOptions.Default;
        var source = new ByteSource(new MemoryStream(pickle), 0, "test");
        return new PickleMachine(source, options, globals ?? new TorchGlobals(options), persistent ?? ((pid, _) => pid)).Load();
    }
}
