using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecurrentParams.Import.Internal;

namespace RecurrentParams.Import.Torch.Pickle;

/// <summary>
/// The allow-list: what the restricted pickle reader does with each global a PyTorch file names. No global is ever
/// resolved or called. A few calls are interpreted here in C# (an <c>OrderedDict</c>, a tensor rebuilt from its storage,
/// a set); classes become inert named records (<see cref="PickleObject"/>); a global that only code execution needs
/// (<c>os.system</c>, <c>builtins.eval</c>, <c>subprocess</c>, ...) is refused with a <see cref="ModelFormatException"/>;
/// any other call becomes an inert record, or is refused in <see cref="ModelReaderOptions.Strict"/> mode.
/// </summary>
internal sealed class TorchGlobals
{
    /// <summary>Modules whose globals serve only to run code, read or write files, or reach the network.</summary>
    private static readonly string[] RefusedModules =
    [
        "os", "posix", "nt", "subprocess", "sys", "shutil", "socket", "importlib", "runpy", "pty", "ctypes", "code", "codeop",
        "pickle", "_pickle", "marshal", "types", "functools", "operator", "inspect", "webbrowser", "pdb", "bdb", "platform",
        "multiprocessing", "threading", "_thread", "signal", "asyncio", "urllib", "http", "ftplib", "smtplib", "telnetlib",
        "requests", "io", "_io", "tempfile", "glob", "zipimport", "pkgutil", "site", "distutils", "setuptools", "pip",
        "commands", "popen2", "timeit", "trace", "cProfile", "profile", "gc", "ssl", "select", "selectors", "mmap",
        "torch.hub", "torch.serialization", "torch.package", "torch.utils.cpp_extension", "torch.multiprocessing",
        "torch.distributed", "torch.jit._serialization", "numpy.testing", "numpy.f2py", "numpy.distutils",
    ];

    /// <summary>The builtins a data pickle may name (all of them types); every other builtin (<c>eval</c>, <c>exec</c>, <c>getattr</c>, <c>open</c>, <c>__import__</c>, ...) is refused.</summary>
    private static readonly HashSet<string> DataBuiltins = new(StringComparer.Ordinal)
    {
        "set", "frozenset", "slice", "complex", "bytearray", "bytes", "object", "int", "float", "str", "list", "dict", "tuple", "bool", "range", "NoneType", "Ellipsis", "NotImplemented",
    };

    /// <summary>Calls kept as inert records without being reported as outside the allow-list: values PyTorch files commonly hold beside the model.</summary>
    private static readonly HashSet<string> InertCalls = new(StringComparer.Ordinal)
    {
        "numpy.core.multiarray._reconstruct", "numpy.core.multiarray.scalar", "numpy._core.multiarray._reconstruct", "numpy._core.multiarray.scalar",
        "numpy.dtype", "numpy.ndarray", "builtins.slice", "builtins.complex", "builtins.bytearray", "builtins.range", "__builtin__.slice", "__builtin__.complex",
        "torch._utils._rebuild_sparse_tensor", "torch._utils._rebuild_sparse_csr_tensor", "torch._utils._rebuild_device_tensor_from_numpy",
        "torch.nn.parameter.Parameter", "argparse.Namespace", "pathlib.PosixPath", "pathlib.WindowsPath", "pathlib.Path",
        "datetime.datetime", "datetime.date", "datetime.timedelta", "decimal.Decimal", "uuid.UUID", "enum.Enum",
    };

    private static readonly Dictionary<string, (string DataType, int Size)> StorageTypes = new(StringComparer.Ordinal)
    {
        ["FloatStorage"] = ("float32", 4),
        ["DoubleStorage"] = ("float64", 8),
        ["HalfStorage"] = ("float16", 2),
        ["BFloat16Storage"] = ("bfloat16", 2),
        ["LongStorage"] = ("int64", 8),
        ["IntStorage"] = ("int32", 4),
        ["ShortStorage"] = ("int16", 2),
        ["CharStorage"] = ("int8", 1),
        ["ByteStorage"] = ("uint8", 1),
        ["BoolStorage"] = ("bool", 1),
        ["ComplexFloatStorage"] = ("complex64", 8),
        ["ComplexDoubleStorage"] = ("complex128", 16),
        ["ComplexHalfStorage"] = ("complex32", 4),
        ["QInt8Storage"] = ("qint8", 1),
        ["QUInt8Storage"] = ("quint8", 1),
        ["QInt32Storage"] = ("qint32", 4),
        ["QUInt4x2Storage"] = ("quint4x2", 1),
        ["QUInt2x4Storage"] = ("quint2x4", 1),
        ["UntypedStorage"] = ("uint8", 1),
        ["ByteStorage_untyped"] = ("uint8", 1),
    };

    private static readonly Dictionary<string, (string DataType, int Size)> DataTypes = new(StringComparer.Ordinal)
    {
        ["float32"] = ("float32", 4), ["float"] = ("float32", 4), ["float64"] = ("float64", 8), ["double"] = ("float64", 8),
        ["float16"] = ("float16", 2), ["half"] = ("float16", 2), ["bfloat16"] = ("bfloat16", 2), ["int64"] = ("int64", 8),
        ["long"] = ("int64", 8), ["int32"] = ("int32", 4), ["int"] = ("int32", 4), ["int16"] = ("int16", 2), ["short"] = ("int16", 2),
        ["int8"] = ("int8", 1), ["uint8"] = ("uint8", 1), ["bool"] = ("bool", 1), ["complex64"] = ("complex64", 8),
        ["complex128"] = ("complex128", 16), ["float8_e4m3fn"] = ("float8_e4m3fn", 1), ["float8_e5m2"] = ("float8_e5m2", 1),
    };

    private readonly ModelReaderOptions options;
    private readonly SortedSet<string> outside = new(StringComparer.Ordinal);

    public TorchGlobals(ModelReaderOptions options)
    {
        this.options = options;
    }

    /// <summary>Gets the calls outside the allow-list that were kept as inert records.</summary>
    public IReadOnlyCollection<string> Outside => outside;

    /// <summary>The dtype and element size a storage type names (<c>torch.FloatStorage</c>), or <see langword="null"/>.</summary>
    public static (string DataType, int Size)? StorageType(PickleGlobal type) =>
        (type.Module is "torch" or "torch.cuda") && StorageTypes.TryGetValue(type.Name, out var found) ? found : null;

    /// <summary>The dtype a <c>torch.float32</c>-style global names, or <see langword="null"/>.</summary>
    public static (string DataType, int Size)? DataType(object? value) =>
        value is PickleGlobal { Module: "torch" } g && DataTypes.TryGetValue(g.Name, out var found) ? found : null;

    /// <summary>Names a global; refuses those that only code execution needs.</summary>
    public static PickleGlobal Global(string module, string name, string where)
    {
        if (Refused(module, name))
        {
            throw Fail.Error(where, "the pickle names " + module + "." + name + ", a global that only serves to run code; this reader never calls a function a file names, and refuses files that name such globals");
        }

        return new PickleGlobal(module, name);
    }

    /// <summary>A class instantiated without a call to its constructor (<c>NEWOBJ</c>, <c>INST</c>): an inert named record, except containers.</summary>
    public static object New(PickleGlobal type, IReadOnlyList<object?> arguments, string where)
    {
        if (type.Is("collections", "OrderedDict") || type.Is("collections", "defaultdict") || IsBuiltin(type, "dict"))
        {
            return new PickleDict();
        }

        if (IsBuiltin(type, "set") || IsBuiltin(type, "frozenset"))
        {
            return Set(arguments);
        }

        if (type.Is("torch", "Size") || IsBuiltin(type, "tuple"))
        {
            return arguments.Count == 1 && arguments[0] is PickleTuple size ? size : new PickleTuple(arguments.ToArray());
        }

        return new PickleObject(type, arguments, called: false);
    }

    /// <summary>A call (<c>REDUCE</c>): interpreted when it is on the allow-list, otherwise an inert record (or refused when strict).</summary>
    public object? Call(PickleGlobal function, IReadOnlyList<object?> arguments, string where)
    {
        switch (function.FullName)
        {
            case "collections.OrderedDict":
            case "builtins.dict":
            case "__builtin__.dict":
                return Dict(arguments, where);
            case "collections.defaultdict":
                return new PickleDict();
            case "builtins.set":
            case "__builtin__.set":
            case "builtins.frozenset":
            case "__builtin__.frozenset":
                return Set(arguments);
            case "builtins.list":
            case "__builtin__.list":
                var list = new PickleList();
                if (arguments.Count == 1 && Items(arguments[0]) is { } listItems)
                {
                    list.Items.AddRange(listItems);
                }

                return list;
            case "builtins.tuple":
            case "__builtin__.tuple":
            case "torch.Size":
                return arguments.Count == 1 && arguments[0] is PickleTuple size ? size : new PickleTuple(arguments.ToArray());
            case "_codecs.encode":
                return new PickleBytes(arguments.Count > 0 && arguments[0] is string text ? text.Length : 0);
            case "copyreg._reconstructor":
            case "copy_reg._reconstructor":
                return arguments.Count > 0 && arguments[0] is PickleGlobal cls
                    ? New(cls, arguments.Skip(1).ToArray(), where)
                    : throw Fail.Error(where, "copyreg._reconstructor expects a class as its first argument");
            case "copyreg.__newobj__":
            case "copy_reg.__newobj__":
                return arguments.Count > 0 && arguments[0] is PickleGlobal newCls
                    ? New(newCls, arguments.Skip(1).ToArray(), where)
                    : throw Fail.Error(where, "copyreg.__newobj__ expects a class as its first argument");
            case "torch.device":
                return arguments.Count > 0 && arguments[0] is string device ? device : "device";
            case "torch._utils._rebuild_tensor_v2":
            case "torch._utils._rebuild_tensor":
                return Tensor(arguments, where, quantized: false);
            case "torch._utils._rebuild_qtensor":
                return Tensor(arguments, where, quantized: true);
            case "torch._utils._rebuild_parameter":
            case "torch._utils._rebuild_parameter_with_state":
                return Parameter(arguments, where);
            case "torch._utils._rebuild_meta_tensor_no_storage":
                return MetaTensor(arguments, where);
            case "torch._tensor._rebuild_from_type_v2":
            case "torch._tensor._rebuild_from_type":
                return FromType(arguments, where);
            case "torch.jit._pickle.restore_type_tag":
                return arguments.Count > 0 ? arguments[0] : null;
            case "torch.jit._pickle.build_tensorlist":
            case "torch.jit._pickle.build_intlist":
            case "torch.jit._pickle.build_doublelist":
            case "torch.jit._pickle.build_boollist":
                return arguments.Count > 0 ? arguments[0] : new PickleList();
            default:
                break;
        }

        if (!InertCalls.Contains(function.FullName) && !IsModuleClass(function))
        {
            if (options.Strict)
            {
                throw Fail.Error(where, "the pickle calls " + function.FullName + ", which is outside this reader's allow-list; with ModelReaderOptions.Strict such a call is refused (without it, it is kept as an inert record)");
            }

            if (outside.Count < 32)
            {
                outside.Add(function.FullName);
            }
        }

        return new PickleObject(function, arguments, called: true);
    }

    private static bool Refused(string module, string name)
    {
        if (module is "builtins" or "__builtin__" or "__builtins__")
        {
            return !DataBuiltins.Contains(name);
        }

        if (module == "torch.serialization" && name == "_get_layout")
        {
            return false; // A sparse tensor's layout, named by torch.save: data.
        }

        foreach (string refused in RefusedModules)
        {
            if (module == refused || (module.Length > refused.Length && module[refused.Length] == '.' && module.StartsWith(refused, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        // A dunder attribute anywhere in the qualified name (a class's __init__, __getattribute__, ...).
        return name.Split('.').Any(part => part.StartsWith("__", StringComparison.Ordinal) && part is not ("__newobj__" or "__newobj_ex__"));
    }

    private static bool IsBuiltin(PickleGlobal type, string name) => (type.Module is "builtins" or "__builtin__") && type.Name == name;

    /// <summary>A class of torch.nn or a TorchScript class: a constructor call of one is a named record, not a surprise.</summary>
    private static bool IsModuleClass(PickleGlobal type) =>
        type.Module.StartsWith("torch.nn.", StringComparison.Ordinal) || type.Module.StartsWith("__torch__", StringComparison.Ordinal);

    private static IEnumerable<object?>? Items(object? value) => value switch
    {
        PickleList list => list.Items,
        PickleTuple tuple => tuple.Items,
        PickleSet set => set.Items,
        _ => null,
    };

    private static PickleSet Set(IReadOnlyList<object?> arguments)
    {
        var set = new PickleSet();
        if (arguments.Count == 1 && Items(arguments[0]) is { } items)
        {
            set.Items.AddRange(items);
        }

        return set;
    }

    private static PickleDict Dict(IReadOnlyList<object?> arguments, string where)
    {
        var dict = new PickleDict();
        if (arguments.Count == 1 && Items(arguments[0]) is { } pairs)
        {
            foreach (object? pair in pairs)
            {
                if (Items(pair) is not { } kv || kv.Take(3).Count() != 2)
                {
                    throw Fail.Error(where, "an OrderedDict is built from (key, value) pairs");
                }

                object?[] two = kv.ToArray();
                dict.Set(two[0], two[1]);
            }
        }

        return dict;
    }

    /// <summary><c>_rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])</c>; <c>_rebuild_qtensor</c> adds the quantizer parameters after the stride.</summary>
    private static TorchTensor Tensor(IReadOnlyList<object?> arguments, string where, bool quantized)
    {
        if (arguments.Count < 4 || arguments[0] is not TorchStorage storage)
        {
            throw Fail.Error(where, "a tensor is rebuilt from (storage, storage_offset, size, stride, ...) but the arguments are " + Shape(arguments));
        }

        long offset = arguments[1] is long o && o >= 0 ? o : throw Fail.Error(where, "a tensor's storage_offset must be a non-negative int but is " + PickleMachine.Describe(arguments[1]));
        long[] size = Dimensions(arguments[2], "size", where);
        long[] stride = Dimensions(arguments[3], "stride", where);
        if (stride.Length != size.Length)
        {
            throw Fail.Error(where, string.Format(CultureInfo.InvariantCulture, "a tensor's size has {0} dimensions but its stride {1}", size.Length, stride.Length));
        }

        CheckExtent(storage, offset, size, stride, where);
        int grad = quantized ? 5 : 4;
        var tensor = new TorchTensor(storage, storage.DataType, size, arguments.Count > grad && arguments[grad] is true);
        if (quantized && arguments.Count > 4 && arguments[4] is PickleTuple { Items.Count: > 0 } scheme && scheme.Items[0] is PickleGlobal qscheme)
        {
            tensor.Quantization = qscheme.FullName;
        }
        else if (quantized)
        {
            tensor.Quantization = "quantized";
        }

        return tensor;
    }

    /// <summary>The storage must hold every element the view reaches: offset + Σ (size_i − 1)·stride_i + 1 ≤ the storage's elements.</summary>
    private static void CheckExtent(TorchStorage storage, long offset, long[] size, long[] stride, string where)
    {
        decimal last = offset;
        foreach (long dim in size)
        {
            if (dim == 0)
            {
                return; // No element: nothing to reach.
            }
        }

        for (int k = 0; k < size.Length; k++)
        {
            last += (decimal)(size[k] - 1) * stride[k];
        }

        long available = storage.ElementCount;
        if (last + 1 > available)
        {
            throw Fail.Error(where, string.Format(CultureInfo.InvariantCulture, "a tensor of size ({0}) with stride ({1}) at offset {2} reaches element {3} of storage '{4}', which holds {5} {6} elements", string.Join(", ", size), string.Join(", ", stride), offset, last, storage.Key, storage.ElementCount, storage.DataType));
        }
    }

    private static long[] Dimensions(object? value, string what, string where)
    {
        IReadOnlyList<object?> items = value is PickleTuple tuple ? tuple.Items : value is PickleList list ? list.Items : throw Fail.Error(where, "a tensor's " + what + " must be a tuple of ints but is " + PickleMachine.Describe(value));
        long[] dims = new long[items.Count];
        for (int k = 0; k < dims.Length; k++)
        {
            dims[k] = items[k] is long d && d >= 0 ? d : throw Fail.Error(where, "a tensor's " + what + " must hold non-negative ints but holds " + PickleMachine.Describe(items[k]));
        }

        return dims;
    }

    /// <summary><c>_rebuild_parameter(data, requires_grad, backward_hooks)</c>: the tensor, marked as a parameter.</summary>
    private static TorchTensor Parameter(IReadOnlyList<object?> arguments, string where)
    {
        if (arguments.Count < 2 || arguments[0] is not TorchTensor tensor)
        {
            throw Fail.Error(where, "a parameter is rebuilt from (tensor, requires_grad, ...) but the arguments are " + Shape(arguments));
        }

        tensor.IsParameter = true;
        tensor.RequiresGrad = arguments[1] is true;
        return tensor;
    }

    /// <summary><c>_rebuild_meta_tensor_no_storage(dtype, size, stride, requires_grad)</c>: a tensor without data.</summary>
    private static TorchTensor MetaTensor(IReadOnlyList<object?> arguments, string where)
    {
        if (arguments.Count < 3 || DataType(arguments[0]) is not { } dtype)
        {
            throw Fail.Error(where, "a meta tensor is rebuilt from (dtype, size, stride, ...) but the arguments are " + Shape(arguments));
        }

        return new TorchTensor(null, dtype.DataType, Dimensions(arguments[1], "size", where), arguments.Count > 3 && arguments[3] is true);
    }

    /// <summary><c>_rebuild_from_type_v2(func, new_type, args, state)</c>: the allow-listed <c>func(*args)</c>, marked as a parameter when <c>new_type</c> is one.</summary>
    private object? FromType(IReadOnlyList<object?> arguments, string where)
    {
        if (arguments.Count < 3 || arguments[0] is not PickleGlobal function || arguments[2] is not PickleTuple inner)
        {
            throw Fail.Error(where, "_rebuild_from_type_v2 expects (function, type, arguments, ...) but the arguments are " + Shape(arguments));
        }

        object? value = Call(function, inner.Items, where);
        if (value is TorchTensor tensor && arguments[1] is PickleGlobal type && type.Name == "Parameter")
        {
            tensor.IsParameter = true;
        }

        return value;
    }

    private static string Shape(IReadOnlyList<object?> arguments) =>
        "(" + string.Join(", ", arguments.Take(8).Select(PickleMachine.Describe)) + (arguments.Count > 8 ? ", ..." : string.Empty) + ")";
}
