using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;
using RecurrentParams.Import.Internal;

namespace RecurrentParams.Import.Torch.Pickle;

/// <summary>
/// A restricted pickle reader for protocols 0 to 5: it builds inert values from the opcodes and never resolves a class
/// or calls a function. The few calls a PyTorch file needs (<c>OrderedDict</c>, <c>_rebuild_tensor_v2</c>, ...) are
/// interpreted by <see cref="TorchGlobals"/>; everything else becomes a named record or, for globals that only code
/// execution needs, a <see cref="ModelFormatException"/>.
/// </summary>
/// <remarks>
/// Costs follow the bytes present: every opcode reads at least one byte, lengths are checked against the bytes that
/// remain (or gathered as they arrive), the mark stack is bounded by <see cref="ModelReaderOptions.MaxDepth"/>, the pickle
/// by <see cref="ModelReaderOptions.MaxDocumentBytes"/>, and the memo is a dictionary, so no index decides an allocation.
/// </remarks>
internal sealed class PickleMachine
{
    private readonly ByteSource input;
    private readonly ModelReaderOptions options;
    private readonly TorchGlobals globals;
    private readonly Func<object?, string, object?> persistentLoad;
    private readonly List<object?> stack = [];
    private readonly List<int> marks = [];
    private readonly Dictionary<long, object?> memo = [];
    private readonly string documentLimit;
    private long start;

    public PickleMachine(ByteSource input, ModelReaderOptions options, TorchGlobals globals, Func<object?, string, object?> persistentLoad)
    {
        this.input = input;
        this.options = options;
        this.globals = globals;
        this.persistentLoad = persistentLoad;
        documentLimit = string.Format(CultureInfo.InvariantCulture, "{0:N0} bytes ModelReaderOptions.MaxDocumentBytes allows in one pickle", options.MaxDocumentBytes);
    }

    /// <summary>Reads one pickle, up to and including its <c>STOP</c>, and returns its value.</summary>
    public object? Load()
    {
        stack.Clear();
        marks.Clear();
        memo.Clear();
        start = input.Offset;
        while (true)
        {
            long at = input.Offset;
            if (at - start >= options.MaxDocumentBytes)
            {
                throw Fail.Error(input.At(at), string.Format(CultureInfo.InvariantCulture, "the pickle is longer than the {0}", documentLimit));
            }

            int code = input.ReadByte();
            if (code < 0)
            {
                throw Fail.Error(input.At(at), "the input ends before the pickle's STOP opcode");
            }

            if (code == '.')
            {
                if (marks.Count != 0 || stack.Count != 1)
                {
                    throw Error(at, string.Format(CultureInfo.InvariantCulture, "STOP with {0} values and {1} marks on the stack; a pickle ends with exactly one value", stack.Count, marks.Count));
                }

                return stack[0];
            }

            Step((byte)code, at);
        }
    }

    private long Remaining => options.MaxDocumentBytes - (input.Offset - start);

    private void Step(byte code, long at)
    {
        switch (code)
        {
            case 0x80: // PROTO
                byte protocol = input.Byte("PROTO");
                if (protocol > 5)
                {
                    throw Error(at, "pickle protocol " + protocol.ToString(CultureInfo.InvariantCulture) + " is not one of 0 to 5");
                }

                break;
            case 0x95: // FRAME: a length hint only; nothing is allocated for it.
                Span<byte> frame = stackalloc byte[8];
                input.Exact(frame, "FRAME");
                break;
            case (byte)'(': // MARK
                if (marks.Count >= options.MaxDepth)
                {
                    throw Error(at, string.Format(CultureInfo.InvariantCulture, "the pickle nests more than the {0} levels ModelReaderOptions.MaxDepth allows", options.MaxDepth));
                }

                marks.Add(stack.Count);
                break;
            case (byte)'0': // POP
                if (marks.Count > 0 && marks[marks.Count - 1] == stack.Count)
                {
                    marks.RemoveAt(marks.Count - 1);
                }
                else
                {
                    Pop(at);
                }

                break;
            case (byte)'1': // POP_MARK
                PopMark(at);
                break;
            case (byte)'2': // DUP
                Push(Peek(at));
                break;
            case (byte)'N':
                Push(null);
                break;
            case 0x88:
                Push(true);
                break;
            case 0x89:
                Push(false);
                break;
            case (byte)'K': // BININT1
                Push((long)input.Byte("BININT1"));
                break;
            case (byte)'M': // BININT2
                Push((long)UInt(2, "BININT2"));
                break;
            case (byte)'J': // BININT
                Push((long)unchecked((int)UInt(4, "BININT")));
                break;
            case 0x8a: // LONG1
                Push(Long(input.Byte("LONG1"), "LONG1"));
                break;
            case 0x8b: // LONG4
                Push(Long(unchecked((int)UInt(4, "LONG4")), "LONG4"));
                break;
            case (byte)'G': // BINFLOAT (big-endian)
                Span<byte> bits = stackalloc byte[8];
                input.Exact(bits, "BINFLOAT");
                Push(BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(bits)));
                break;
            case (byte)'I': // INT (text)
                Push(TextInteger(at, "INT"));
                break;
            case (byte)'L': // LONG (text)
                Push(TextInteger(at, "LONG"));
                break;
            case (byte)'F': // FLOAT (text)
                string text = Latin1(input.Line(64, "FLOAT", "64 characters a FLOAT opcode may have"));
                Push(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) ? parsed : throw Error(at, "FLOAT expects a decimal number"));
                break;
            case (byte)'X': // BINUNICODE
                Push(Utf8(UInt(4, "BINUNICODE"), "BINUNICODE"));
                break;
            case 0x8c: // SHORT_BINUNICODE
                Push(Utf8(input.Byte("SHORT_BINUNICODE"), "SHORT_BINUNICODE"));
                break;
            case 0x8d: // BINUNICODE8
                Push(Utf8(Length8("BINUNICODE8"), "BINUNICODE8"));
                break;
            case (byte)'T': // BINSTRING (Python 2 str)
                Push(Latin1(input.Run(UInt(4, "BINSTRING"), Remaining, "BINSTRING", documentLimit)));
                break;
            case (byte)'U': // SHORT_BINSTRING
                Push(Latin1(input.Run(input.Byte("SHORT_BINSTRING"), Remaining, "SHORT_BINSTRING", documentLimit)));
                break;
            case (byte)'S': // STRING (text, quoted)
                Push(Unquote(Latin1(input.Line(options.MaxNameLength + 2, "STRING", "characters ModelReaderOptions.MaxNameLength allows")), at));
                break;
            case (byte)'V': // UNICODE (text, raw-unicode-escape)
                Push(Latin1(input.Line(options.MaxNameLength, "UNICODE", "characters ModelReaderOptions.MaxNameLength allows")));
                break;
            case (byte)'B': // BINBYTES
                Push(SkipBytes(UInt(4, "BINBYTES"), "BINBYTES"));
                break;
            case (byte)'C': // SHORT_BINBYTES
                Push(SkipBytes(input.Byte("SHORT_BINBYTES"), "SHORT_BINBYTES"));
                break;
            case 0x8e: // BINBYTES8
                Push(SkipBytes(Length8("BINBYTES8"), "BINBYTES8"));
                break;
            case 0x96: // BYTEARRAY8
                Push(SkipBytes(Length8("BYTEARRAY8"), "BYTEARRAY8"));
                break;
            case (byte)')': // EMPTY_TUPLE
                Push(PickleTuple.Empty);
                break;
            case (byte)'t': // TUPLE
                Push(new PickleTuple(PopMark(at)));
                break;
            case 0x85: // TUPLE1
                Push(new PickleTuple([Pop(at)]));
                break;
            case 0x86: // TUPLE2
                object? b2 = Pop(at);
                Push(new PickleTuple([Pop(at), b2]));
                break;
            case 0x87: // TUPLE3
                object? c3 = Pop(at);
                object? b3 = Pop(at);
                Push(new PickleTuple([Pop(at), b3, c3]));
                break;
            case (byte)']': // EMPTY_LIST
                Push(new PickleList());
                break;
            case (byte)'l': // LIST
                var list = new PickleList();
                list.Items.AddRange(PopMark(at));
                Push(list);
                break;
            case (byte)'}': // EMPTY_DICT
                Push(new PickleDict());
                break;
            case (byte)'d': // DICT
                var dict = new PickleDict();
                SetItems(dict, PopMark(at), at);
                Push(dict);
                break;
            case 0x8f: // EMPTY_SET
                Push(new PickleSet());
                break;
            case 0x91: // FROZENSET
                var frozen = new PickleSet();
                frozen.Items.AddRange(PopMark(at));
                Push(frozen);
                break;
            case 0x90: // ADDITEMS
                object?[] added = PopMark(at);
                (Peek(at) as PickleSet ?? throw Error(at, "ADDITEMS expects a set below the mark")).Items.AddRange(added);
                break;
            case (byte)'a': // APPEND
                object? item = Pop(at);
                Append(Peek(at), [item], at);
                break;
            case (byte)'e': // APPENDS
                object?[] items = PopMark(at);
                Append(Peek(at), items, at);
                break;
            case (byte)'s': // SETITEM
                object? value = Pop(at);
                object? key = Pop(at);
                SetItems(Peek(at), [key, value], at);
                break;
            case (byte)'u': // SETITEMS
                object?[] pairs = PopMark(at);
                SetItems(Peek(at), pairs, at);
                break;
            case (byte)'p': // PUT (text)
                memo[TextIndex(at, "PUT")] = Peek(at);
                break;
            case (byte)'q': // BINPUT
                memo[input.Byte("BINPUT")] = Peek(at);
                break;
            case (byte)'r': // LONG_BINPUT
                memo[UInt(4, "LONG_BINPUT")] = Peek(at);
                break;
            case 0x94: // MEMOIZE
                memo[memo.Count] = Peek(at);
                break;
            case (byte)'g': // GET (text)
                Push(Memo(TextIndex(at, "GET"), at));
                break;
            case (byte)'h': // BINGET
                Push(Memo(input.Byte("BINGET"), at));
                break;
            case (byte)'j': // LONG_BINGET
                Push(Memo(UInt(4, "LONG_BINGET"), at));
                break;
            case (byte)'c': // GLOBAL (text: module \n name \n)
                string module = Name(input.Line(options.MaxNameLength, "a GLOBAL module name", "characters ModelReaderOptions.MaxNameLength allows"), at);
                string name = Name(input.Line(options.MaxNameLength, "a GLOBAL name", "characters ModelReaderOptions.MaxNameLength allows"), at);
                Push(TorchGlobals.Global(module, name, input.At(at)));
                break;
            case 0x93: // STACK_GLOBAL
                object? stackName = Pop(at);
                object? stackModule = Pop(at);
                if (stackModule is not string m || stackName is not string n)
                {
                    throw Error(at, "STACK_GLOBAL expects a module name and a name (two strings)");
                }

                Push(TorchGlobals.Global(Name(m, at), Name(n, at), input.At(at)));
                break;
            case (byte)'R': // REDUCE
                object? arguments = Pop(at);
                object? callable = Pop(at);
                Push(globals.Call(Callable(callable, "REDUCE", at), Arguments(arguments, "REDUCE", at), input.At(at)));
                break;
            case 0x81: // NEWOBJ
                object? newArguments = Pop(at);
                object? type = Pop(at);
                Push(TorchGlobals.New(Callable(type, "NEWOBJ", at), Arguments(newArguments, "NEWOBJ", at), input.At(at)));
                break;
            case 0x92: // NEWOBJ_EX
                Pop(at); // keyword arguments: kept nowhere, as no constructor runs
                object? exArguments = Pop(at);
                object? exType = Pop(at);
                Push(TorchGlobals.New(Callable(exType, "NEWOBJ_EX", at), Arguments(exArguments, "NEWOBJ_EX", at), input.At(at)));
                break;
            case (byte)'i': // INST (text): module \n name \n, arguments above the mark
                string instModule = Name(input.Line(options.MaxNameLength, "an INST module name", "characters ModelReaderOptions.MaxNameLength allows"), at);
                string instName = Name(input.Line(options.MaxNameLength, "an INST name", "characters ModelReaderOptions.MaxNameLength allows"), at);
                PickleGlobal instType = TorchGlobals.Global(instModule, instName, input.At(at));
                Push(TorchGlobals.New(instType, PopMark(at), input.At(at)));
                break;
            case (byte)'o': // OBJ: class and arguments above the mark
                object?[] objItems = PopMark(at);
                if (objItems.Length == 0)
                {
                    throw Error(at, "OBJ expects a class above the mark");
                }

                Push(TorchGlobals.New(Callable(objItems[0], "OBJ", at), objItems.AsSpan(1).ToArray(), input.At(at)));
                break;
            case (byte)'b': // BUILD
                object? state = Pop(at);
                Build(Peek(at), state);
                break;
            case (byte)'Q': // BINPERSID
                Push(persistentLoad(Pop(at), input.At(at)));
                break;
            case (byte)'P': // PERSID (text)
                Push(persistentLoad(Latin1(input.Line(options.MaxNameLength, "PERSID", "characters ModelReaderOptions.MaxNameLength allows")), input.At(at)));
                break;
            case 0x82:
            case 0x83:
            case 0x84:
                throw Error(at, "the extension registry opcodes (EXT1, EXT2, EXT4) name code by number; this reader does not read them");
            case 0x97:
            case 0x98:
                throw Error(at, "out-of-band buffers (NEXT_BUFFER, READONLY_BUFFER) are not part of a PyTorch file");
            default:
                throw Error(at, string.Format(CultureInfo.InvariantCulture, "0x{0:x2} is not a pickle opcode", code));
        }
    }

    private static void Build(object? target, object? state)
    {
        switch (target)
        {
            case PickleObject obj:
                obj.State = state;
                break;
            case PickleDict dict:
                dict.State = state;
                break;
            default:
                break; // A tensor's Python state or a value without attributes: nothing to keep.
        }
    }

    private void Append(object? target, object?[] items, long at)
    {
        switch (target)
        {
            case PickleList list:
                list.Items.AddRange(items);
                break;
            case PickleObject obj:
                obj.Items.AddRange(items);
                break;
            case PickleSet set:
                set.Items.AddRange(items);
                break;
            default:
                throw Error(at, "APPEND expects a list below its items but found " + Describe(target));
        }
    }

    private void SetItems(object? target, object?[] pairs, long at)
    {
        if (pairs.Length % 2 != 0)
        {
            throw Error(at, "SETITEMS expects key-value pairs but found an odd number of values");
        }

        PickleDict dict = target switch
        {
            PickleDict d => d,
            PickleObject o => o.Entries,
            _ => throw Error(at, "SETITEM expects a dict below its pairs but found " + Describe(target)),
        };
        for (int k = 0; k < pairs.Length; k += 2)
        {
            dict.Set(pairs[k], pairs[k + 1]);
        }
    }

    private PickleGlobal Callable(object? value, string opcode, long at) =>
        value as PickleGlobal ?? throw Error(at, opcode + " expects a global (a class or function the pickle names) but found " + Describe(value));

    private IReadOnlyList<object?> Arguments(object? value, string opcode, long at) =>
        value is PickleTuple tuple ? tuple.Items : throw Error(at, opcode + " expects a tuple of arguments but found " + Describe(value));

    private object? Memo(long index, long at) =>
        memo.TryGetValue(index, out object? value) ? value : throw Error(at, "the memo has no entry " + index.ToString(CultureInfo.InvariantCulture));

    private void Push(object? value) => stack.Add(value);

    private object? Peek(long at)
    {
        int floor = marks.Count == 0 ? 0 : marks[marks.Count - 1];
        return stack.Count > floor ? stack[stack.Count - 1] : throw Error(at, "the opcode needs a value but the stack is empty above the last mark");
    }

    private object? Pop(long at)
    {
        object? value = Peek(at);
        stack.RemoveAt(stack.Count - 1);
        return value;
    }

    private object?[] PopMark(long at)
    {
        if (marks.Count == 0)
        {
            throw Error(at, "the opcode needs a MARK but there is none");
        }

        int mark = marks[marks.Count - 1];
        marks.RemoveAt(marks.Count - 1);
        object?[] items = stack.GetRange(mark, stack.Count - mark).ToArray();
        stack.RemoveRange(mark, stack.Count - mark);
        return items;
    }

    private uint UInt(int size, string what)
    {
        Span<byte> bytes = stackalloc byte[4];
        input.Exact(bytes.Slice(0, size), what);
        return size == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }

    private long Length8(string what)
    {
        Span<byte> bytes = stackalloc byte[8];
        input.Exact(bytes, what);
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        return length > long.MaxValue ? long.MaxValue : (long)length;
    }

    private object Long(long length, string what)
    {
        byte[] bytes = input.Run(length, Remaining, what, documentLimit);
        if (bytes.Length <= 8)
        {
            long value = 0;
            for (int k = bytes.Length - 1; k >= 0; k--)
            {
                value = unchecked((value << 8) | bytes[k]);
            }

            // Sign-extend from the top byte.
            int shift = 64 - (8 * bytes.Length);
            return bytes.Length == 0 ? 0L : shift == 0 ? value : unchecked((value << shift) >> shift);
        }

        return new PickleBigInteger(bytes);
    }

    private object TextInteger(long at, string what)
    {
        string text = Latin1(input.Line(64, what, "64 characters an integer opcode may have")).TrimEnd('L');
        if (what == "INT" && text == "00")
        {
            return false;
        }

        if (what == "INT" && text == "01")
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            return value;
        }

        // Protocols 0 and 1 write large ints (the legacy magic number) as text: keep their two's complement bytes.
        return BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out BigInteger big)
            ? new PickleBigInteger(big.ToByteArray())
            : throw Error(at, what + " expects a decimal integer");
    }

    private long TextIndex(long at, string what) =>
        long.TryParse(Latin1(input.Line(20, what, "20 digits a memo index may have")), NumberStyles.None, CultureInfo.InvariantCulture, out long index)
            ? index
            : throw Error(at, what + " expects a decimal memo index");

    private string Utf8(long length, string what) =>
        Encoding.UTF8.GetString(input.Run(length, Remaining, what, documentLimit));

    private PickleBytes SkipBytes(long length, string what)
    {
        input.Claim(length, Remaining, what, documentLimit);
        input.Skip(length, what);
        return new PickleBytes(length);
    }

    private string Name(byte[] bytes, long at) => Name(Latin1(bytes), at);

    private string Name(string name, long at)
    {
        if (name.Length == 0 || name.Length > options.MaxNameLength)
        {
            throw Error(at, string.Format(CultureInfo.InvariantCulture, "a global's module and name must be 1 to {0:N0} characters (ModelReaderOptions.MaxNameLength)", options.MaxNameLength));
        }

        foreach (char c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '.'))
            {
                throw Error(at, "a global's module and name are Python identifiers separated by dots, but found \"" + Printable(name) + "\"");
            }
        }

        return name;
    }

    private string Unquote(string text, long at)
    {
        if (text.Length >= 2 && (text[0] == '\'' || text[0] == '"') && text[text.Length - 1] == text[0])
        {
            return text.Substring(1, text.Length - 2);
        }

        throw Error(at, "STRING expects a quoted string");
    }

    private static string Latin1(byte[] bytes)
    {
        var chars = new char[bytes.Length];
        for (int k = 0; k < bytes.Length; k++)
        {
            chars[k] = (char)bytes[k];
        }

        return new string(chars);
    }

    private static string Printable(string text) => text.Length > 64 ? text.Remove(64) + "..." : text;

    internal static string Describe(object? value) => value switch
    {
        null => "None",
        bool => "a bool",
        long => "an int",
        double => "a float",
        string => "a str",
        PickleTuple => "a tuple",
        PickleList => "a list",
        PickleDict => "a dict",
        PickleSet => "a set",
        PickleBytes => "bytes",
        PickleBigInteger => "an int",
        PickleGlobal g => "the global " + g.FullName,
        PickleObject o => "an object of " + o.Type.FullName,
        TorchStorage => "a storage",
        TorchTensor => "a tensor",
        _ => "a value",
    };

    private ModelFormatException Error(long at, string message) => Fail.Error(input.At(at), message);
}
