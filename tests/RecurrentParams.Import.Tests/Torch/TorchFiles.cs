using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;
using RecurrentParams.Import.Tests.Hdf5;

namespace RecurrentParams.Import.Tests.Torch;

/// <summary>Writes pickles opcode by opcode and wraps them in torch's zip and legacy layouts: small hostile files, and sparse 1 GB checkpoints.</summary>
internal sealed class Pickler
{
    private readonly List<byte> output = [];

    public Pickler Proto(int version = 2) => Op(0x80).Byte(version);

    public Pickler Op(int code)
    {
        output.Add((byte)code);
        return this;
    }

    public Pickler Byte(int value) => Op(value);

    public Pickler Raw(params byte[] bytes)
    {
        output.AddRange(bytes);
        return this;
    }

    public Pickler Global(string module, string name) => Op('c').Raw(Encoding.ASCII.GetBytes(module + "\n" + name + "\n"));

    public Pickler Mark() => Op('(');

    public Pickler Tuple() => Op('t');

    public Pickler EmptyDict() => Op('}');

    public Pickler EmptyList() => Op(']');

    public Pickler EmptyTuple() => Op(')');

    public Pickler Reduce() => Op('R');

    public Pickler SetItems() => Op('u');

    public Pickler SetItem() => Op('s');

    public Pickler Append() => Op('a');

    public Pickler Stop() => Op('.');

    public Pickler Put(int index) => Op('q').Byte(index);

    public Pickler Get(int index) => Op('h').Byte(index);

    public Pickler Str(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        Op('X');
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)bytes.Length);
        output.AddRange(length.ToArray());
        output.AddRange(bytes);
        return this;
    }

    public Pickler Int(long value)
    {
        if (value is >= 0 and < 256)
        {
            return Op('K').Byte((int)value);
        }

        if (value is >= int.MinValue and <= int.MaxValue)
        {
            Span<byte> four = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(four, (int)value);
            return Op('J').Raw(four.ToArray());
        }

        Span<byte> eight = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(eight, value);
        return Op(0x8a).Byte(8).Raw(eight.ToArray());
    }

    public Pickler Ints(params long[] values)
    {
        Mark();
        foreach (long v in values)
        {
            Int(v);
        }

        return Tuple();
    }

    /// <summary>A tensor as torch.save writes it: _rebuild_tensor_v2(persistent storage, offset, size, stride, False, OrderedDict()).</summary>
    public Pickler Tensor(string storageType, string key, long numel, long[] size, long[]? stride = null, long offset = 0)
    {
        stride ??= Contiguous(size);
        Global("torch._utils", "_rebuild_tensor_v2").Mark();
        Mark().Str("storage").Global("torch", storageType).Str(key).Str("cpu").Int(numel).Tuple().Op('Q');
        Int(offset).Ints(size).Ints(stride).Op(0x89);
        Global("collections", "OrderedDict").EmptyTuple().Reduce();
        return Tuple().Reduce();
    }

    /// <summary>An OrderedDict state dict of float tensors, storage keys "0", "1", ...</summary>
    public static byte[] StateDict(params (string Name, long[] Size)[] tensors)
    {
        var p = new Pickler().Proto().Global("collections", "OrderedDict").EmptyTuple().Reduce().Mark();
        for (int k = 0; k < tensors.Length; k++)
        {
            long numel = 1;
            foreach (long d in tensors[k].Size)
            {
                numel *= d;
            }

            p.Str(tensors[k].Name).Tensor("FloatStorage", k.ToString(System.Globalization.CultureInfo.InvariantCulture), numel, tensors[k].Size);
        }

        return p.SetItems().Stop().ToArray();
    }

    public static long[] Contiguous(long[] size)
    {
        long[] stride = new long[size.Length];
        long s = 1;
        for (int k = size.Length - 1; k >= 0; k--)
        {
            stride[k] = s;
            s *= Math.Max(1, size[k]);
        }

        return stride;
    }

    public byte[] ToArray() => output.ToArray();
}

/// <summary>Torch's file layouts around a pickle.</summary>
internal static class TorchFiles
{
    /// <summary>A stored zip: <c>archive/data.pkl</c>, the storages <c>archive/data/KEY</c> with the given byte counts (zeros), <c>archive/version</c>.</summary>
    public static byte[] Zip(byte[] pickle, params (string Key, int Bytes)[] storages)
    {
        var entries = new List<(string, byte[])> { ("archive/data.pkl", pickle) };
        foreach ((string key, int bytes) in storages)
        {
            entries.Add(("archive/data/" + key, new byte[bytes]));
        }

        entries.Add(("archive/version", "3\n"u8.ToArray()));
        using var stream = new MemoryStream();
        ZipBytes.WriteStored(stream, entries.ToArray());
        return stream.ToArray();
    }

    /// <summary>
    /// The state dict of <c>nn.LSTM(inputSize, hiddenSize, numLayers)</c> as torch.save writes it (float32, storage keys
    /// "0", "1", ...), in a stored zip whose storage bytes are holes: a sparse file as long as the real checkpoint.
    /// </summary>
    /// <returns>The file's length.</returns>
    public static long WriteSparseLstm(string path, int inputSize, int hiddenSize, int numLayers)
    {
        var tensors = new List<(string Name, long[] Size)>();
        long gates = 4L * hiddenSize;
        for (int layer = 0; layer < numLayers; layer++)
        {
            long input = layer == 0 ? inputSize : hiddenSize;
            string k = layer.ToString(System.Globalization.CultureInfo.InvariantCulture);
            tensors.Add(("lstm.weight_ih_l" + k, [gates, input]));
            tensors.Add(("lstm.weight_hh_l" + k, [gates, hiddenSize]));
            tensors.Add(("lstm.bias_ih_l" + k, [gates]));
            tensors.Add(("lstm.bias_hh_l" + k, [gates]));
        }

        var entries = new List<(string, byte[], long)> { ("archive/data.pkl", Pickler.StateDict(tensors.ToArray()), 0) };
        for (int k = 0; k < tensors.Count; k++)
        {
            long bytes = 4;
            foreach (long d in tensors[k].Size)
            {
                bytes *= d;
            }

            entries.Add(("archive/data/" + k.ToString(System.Globalization.CultureInfo.InvariantCulture), [], bytes));
        }

        entries.Add(("archive/version", "3\n"u8.ToArray(), 0));
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        ZipBytes.WriteStored(file, entries.ToArray());
        return file.Length;
    }

    /// <summary>A legacy file: magic number, protocol 1001, sys info, the object pickle, the key list and each storage's count and bytes.</summary>
    public static byte[] Legacy(byte[] objectPickle, params (string Key, long Numel, int Bytes)[] storages)
    {
        using var stream = new MemoryStream();
        stream.Write(new Pickler().Proto().Op(0x8a).Byte(10).Raw(0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19).Stop().ToArray());
        stream.Write(new Pickler().Proto().Int(1001).Stop().ToArray());
        stream.Write(new Pickler().Proto().EmptyDict().Str("little_endian").Op(0x88).SetItem().Stop().ToArray());
        stream.Write(objectPickle);
        var keys = new Pickler().Proto().EmptyList().Mark();
        foreach ((string key, _, _) in storages)
        {
            keys.Str(key);
        }

        stream.Write(keys.Op('e').Stop().ToArray());
        Span<byte> count = stackalloc byte[8];
        foreach ((_, long numel, int bytes) in storages)
        {
            BinaryPrimitives.WriteInt64LittleEndian(count, numel);
            stream.Write(count);
            stream.Write(new byte[bytes]);
        }

        return stream.ToArray();
    }
}
