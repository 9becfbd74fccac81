using System;
using System.IO;
using Google.Protobuf;

namespace RecurrentParams.Import.Tests.Onnx;

/// <summary>Writes ONNX protobuf by hand: small hostile models, and sparse 1 GB models whose tensor bytes are holes.</summary>
internal static class OnnxFiles
{
    /// <summary>A ModelProto (ir_version 8, opset 14) whose graph the callback writes.</summary>
    public static byte[] Model(Action<CodedOutputStream> writeGraph)
    {
        byte[] graph = Bytes(writeGraph);
        return Raw(output =>
        {
            output.WriteTag(1, WireFormat.WireType.Varint);
            output.WriteInt64(8);
            output.WriteTag(7, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(graph));
        });
    }

    public static byte[] Raw(Action<CodedOutputStream> write) => Bytes(write);

    /// <summary>A TensorProto in field <paramref name="field"/> (5: initializer) whose raw_data holds its elements (zeros).</summary>
    public static void Tensor(CodedOutputStream output, int field, string name, long[] dims, int dataType = 1, bool external = false)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(TensorBytes(name, dims, dataType, external, RawBytes(dims, dataType))));
    }

    /// <summary>The raw_data length of a tensor: 2, 4 or 8 bytes per element (FLOAT16 / BFLOAT16, INT64 / DOUBLE, the others 4); 8 bytes for an invalid or huge shape.</summary>
    public static int RawBytes(long[] dims, int dataType)
    {
        long count = 1;
        foreach (long d in dims)
        {
            if (d < 0 || d > 1 << 20 || (count *= d) > 1 << 20)
            {
                return 8; // an invalid or huge shape: a few bytes, as a malformed file would have
            }
        }

        return (int)count * (dataType is 10 or 16 ? 2 : dataType is 7 or 11 ? 8 : 4);
    }

    public static void SparseTensor(CodedOutputStream output, string name, long[] dims)
    {
        byte[] sparse = Bytes(s =>
        {
            s.WriteTag(1, WireFormat.WireType.LengthDelimited);
            s.WriteBytes(ByteString.CopyFrom(TensorBytes(name, [3], 1, external: false, rawData: 12)));
            s.WriteTag(2, WireFormat.WireType.LengthDelimited);
            s.WriteBytes(ByteString.CopyFrom(TensorBytes(name + "_indices", [3], 7, external: false, rawData: 24)));
            foreach (long d in dims)
            {
                s.WriteTag(3, WireFormat.WireType.Varint);
                s.WriteInt64(d);
            }
        });
        output.WriteTag(15, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(sparse));
    }

    public static void Node(CodedOutputStream output, string opType, string name, params string[] inputs)
    {
        byte[] node = Bytes(n =>
        {
            foreach (string input in inputs)
            {
                n.WriteTag(1, WireFormat.WireType.LengthDelimited);
                n.WriteString(input);
            }

            n.WriteTag(2, WireFormat.WireType.LengthDelimited);
            n.WriteString(name + "_out");
            n.WriteTag(3, WireFormat.WireType.LengthDelimited);
            n.WriteString(name);
            n.WriteTag(4, WireFormat.WireType.LengthDelimited);
            n.WriteString(opType);
        });
        output.WriteTag(1, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(node));
    }

    /// <summary>
    /// Writes an ONNX model with one LSTM node (PyTorch layout: W, R, B initializers) whose raw_data are holes in a
    /// sparse file: the file is over 1 GB long but takes almost no disk. Returns the file's length.
    /// </summary>
    public static long WriteSparseLstm(string path, int inputSize, int hiddenSize)
    {
        long gates = 4L * hiddenSize;
        (string Name, long[] Dims)[] tensors =
        [
            ("W", [1, gates, inputSize]),
            ("R", [1, gates, hiddenSize]),
            ("B", [1, 2 * gates]),
        ];
        byte[] node = Bytes(n =>
        {
            foreach (string input in new[] { "x", "W", "R", "B" })
            {
                n.WriteTag(1, WireFormat.WireType.LengthDelimited);
                n.WriteString(input);
            }

            n.WriteTag(2, WireFormat.WireType.LengthDelimited);
            n.WriteString("y");
            n.WriteTag(3, WireFormat.WireType.LengthDelimited);
            n.WriteString("lstm");
            n.WriteTag(4, WireFormat.WireType.LengthDelimited);
            n.WriteString("LSTM");
        });

        // Each initializer: its metadata, then the raw_data tag and length; the data itself is a hole.
        var heads = new byte[tensors.Length][];
        long[] dataLengths = new long[tensors.Length];
        long graphLength = 1 + CodedOutputStream.ComputeLengthSize(node.Length) + node.Length;
        for (int k = 0; k < tensors.Length; k++)
        {
            long count = 1;
            foreach (long d in tensors[k].Dims)
            {
                count *= d;
            }

            dataLengths[k] = count * 4;
            heads[k] = Bytes(t =>
            {
                foreach (long d in tensors[k].Dims)
                {
                    t.WriteTag(1, WireFormat.WireType.Varint);
                    t.WriteInt64(d);
                }

                t.WriteTag(2, WireFormat.WireType.Varint);
                t.WriteInt32(1);
                t.WriteTag(8, WireFormat.WireType.LengthDelimited);
                t.WriteString(tensors[k].Name);
                t.WriteTag(9, WireFormat.WireType.LengthDelimited);
                t.WriteLength(checked((int)dataLengths[k]));
            });
            long tensorLength = heads[k].Length + dataLengths[k];
            graphLength += 1 + CodedOutputStream.ComputeLengthSize(checked((int)tensorLength)) + tensorLength;
        }

        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        using (var output = new CodedOutputStream(file, leaveOpen: true))
        {
            output.WriteTag(1, WireFormat.WireType.Varint);
            output.WriteInt64(8);
            output.WriteTag(7, WireFormat.WireType.LengthDelimited);
            output.WriteLength(checked((int)graphLength));
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(node));
        }

        for (int k = 0; k < tensors.Length; k++)
        {
            using (var output = new CodedOutputStream(file, leaveOpen: true))
            {
                output.WriteTag(5, WireFormat.WireType.LengthDelimited);
                output.WriteLength(checked((int)(heads[k].Length + dataLengths[k])));
            }

            file.Write(heads[k]);

            file.Seek(dataLengths[k], SeekOrigin.Current);
        }

        file.SetLength(file.Position);
        return file.Length;
    }

    private static byte[] TensorBytes(string name, long[] dims, int dataType, bool external, int rawData) => Bytes(t =>
    {
        foreach (long d in dims)
        {
            t.WriteTag(1, WireFormat.WireType.Varint);
            t.WriteInt64(d);
        }

        t.WriteTag(2, WireFormat.WireType.Varint);
        t.WriteInt32(dataType);
        t.WriteTag(8, WireFormat.WireType.LengthDelimited);
        t.WriteString(name);
        if (external)
        {
            t.WriteTag(13, WireFormat.WireType.LengthDelimited);
            t.WriteBytes(ByteString.CopyFrom(Bytes(e =>
            {
                e.WriteTag(1, WireFormat.WireType.LengthDelimited);
                e.WriteString("location");
                e.WriteTag(2, WireFormat.WireType.LengthDelimited);
                e.WriteString("weights.bin");
            })));
            t.WriteTag(14, WireFormat.WireType.Varint);
            t.WriteInt32(1);
        }
        else
        {
            t.WriteTag(9, WireFormat.WireType.LengthDelimited);
            t.WriteBytes(ByteString.CopyFrom(new byte[rawData]));
        }
    });

    private static byte[] Bytes(Action<CodedOutputStream> write)
    {
        using var memory = new MemoryStream();
        using (var output = new CodedOutputStream(memory, leaveOpen: true))
        {
            write(output);
        }

        return memory.ToArray();
    }
}
