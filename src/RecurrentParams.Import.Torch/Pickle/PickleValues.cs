using System;
using System.Collections.Generic;

namespace RecurrentParams.Import.Torch.Pickle;

// The values the restricted pickle reader produces. Python's None, bool, int, float and str become null, bool, long,
// double and string; everything else is one of these inert records. Nothing here can run code: a class or function a
// pickle names is only ever a (module, name) pair.

/// <summary>A global a pickle names (<c>GLOBAL</c> / <c>STACK_GLOBAL</c>): a module and a qualified name, never resolved.</summary>
internal sealed class PickleGlobal
{
    public PickleGlobal(string module, string name)
    {
        Module = module;
        Name = name;
    }

    public string Module { get; }

    public string Name { get; }

    public string FullName => Module + "." + Name;

    public bool Is(string module, string name) => Module == module && Name == name;

    public override string ToString() => FullName;
}

/// <summary>An object a pickle builds from a class (<c>NEWOBJ</c>, <c>INST</c>) or from a call the reader does not interpret (<c>REDUCE</c>): the class or function by name, its arguments and the state <c>BUILD</c> gives it.</summary>
internal sealed class PickleObject
{
    public PickleObject(PickleGlobal type, IReadOnlyList<object?> arguments, bool called)
    {
        Type = type;
        Arguments = arguments;
        Called = called;
    }

    /// <summary>Gets the class (or, when <see cref="Called"/>, the function) the pickle names.</summary>
    public PickleGlobal Type { get; }

    public IReadOnlyList<object?> Arguments { get; }

    /// <summary>Gets a value indicating whether the object stands for a function call (<c>REDUCE</c>) rather than a class instance.</summary>
    public bool Called { get; }

    /// <summary>Gets or sets the state given by <c>BUILD</c> (for an <c>nn.Module</c>, its <c>__dict__</c>).</summary>
    public object? State { get; set; }

    /// <summary>Gets the items appended to the object (<c>APPEND</c>, <c>APPENDS</c>).</summary>
    public List<object?> Items { get; } = [];

    /// <summary>Gets the pairs set on the object (<c>SETITEM</c>, <c>SETITEMS</c>).</summary>
    public PickleDict Entries { get; } = new();

    public override string ToString() => Type.FullName;
}

/// <summary>A dict or OrderedDict: pairs in insertion order; string keys indexed, any other key kept in order only (never hashed, so cyclic keys cost nothing).</summary>
internal sealed class PickleDict
{
    private readonly List<KeyValuePair<object?, object?>> entries = [];
    private readonly Dictionary<string, int> byName = new(StringComparer.Ordinal);

    public IReadOnlyList<KeyValuePair<object?, object?>> Entries => entries;

    public int Count => entries.Count;

    /// <summary>Gets or sets attributes <c>BUILD</c> gives the dict (an OrderedDict state dict's <c>_metadata</c>).</summary>
    public object? State { get; set; }

    public void Set(object? key, object? value)
    {
        if (key is string name)
        {
            if (byName.TryGetValue(name, out int index))
            {
                entries[index] = new KeyValuePair<object?, object?>(name, value);
                return;
            }

            byName.Add(name, entries.Count);
        }

        entries.Add(new KeyValuePair<object?, object?>(key, value));
    }

    public bool TryGet(string key, out object? value)
    {
        if (byName.TryGetValue(key, out int index))
        {
            value = entries[index].Value;
            return true;
        }

        value = null;
        return false;
    }

    public bool Has(string key) => byName.ContainsKey(key);
}

/// <summary>A list (<c>EMPTY_LIST</c>, <c>LIST</c>).</summary>
internal sealed class PickleList
{
    public List<object?> Items { get; } = [];
}

/// <summary>A tuple.</summary>
internal sealed class PickleTuple
{
    public static readonly PickleTuple Empty = new([]);

    public PickleTuple(object?[] items)
    {
        Items = items;
    }

    public IReadOnlyList<object?> Items { get; }
}

/// <summary>A set or frozenset.</summary>
internal sealed class PickleSet
{
    public List<object?> Items { get; } = [];
}

/// <summary>A bytes or bytearray value; only its length is kept.</summary>
internal sealed class PickleBytes
{
    public PickleBytes(long length)
    {
        Length = length;
    }

    public long Length { get; }
}

/// <summary>An integer too large for 64 bits (<c>LONG1</c>, <c>LONG4</c>): its little-endian two's complement bytes.</summary>
internal sealed class PickleBigInteger
{
    public PickleBigInteger(byte[] bytes)
    {
        Bytes = bytes;
    }

    public byte[] Bytes { get; }
}
