using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Text;
using Google.Protobuf;

namespace RecurrentParams.Import.Benchmarks;

/// <summary>Writes large model files whose tensor bytes are holes (sparse files).</summary>
internal static class SparseFiles
{
    private static readonly string[] NodeInputs = ["x", "W", "R", "B"];

    /// <summary>An ONNX model with one LSTM node and initializers W, R, B in PyTorch's layout; returns the file's length.</summary>
    public static long WriteOnnxLstm(string path, int inputSize, int hiddenSize)
    {
        long gates = 4L * hiddenSize;
        (string Name, long[] Dims)[] tensors = [("W", [1, gates, inputSize]), ("R", [1, gates, hiddenSize]), ("B", [1, 2 * gates])];
        byte[] node = Bytes(n =>
        {
            foreach (string input in NodeInputs)
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
        var heads = new byte[tensors.Length][];
        long[] data = new long[tensors.Length];
        long graphLength = 1 + CodedOutputStream.ComputeLengthSize(node.Length) + node.Length;
        for (int k = 0; k < tensors.Length; k++)
        {
            long count = 1;
            foreach (long d in tensors[k].Dims)
            {
                count *= d;
            }

            data[k] = count * 4;
            (string name, long[] dims) = tensors[k];
            long bytes = data[k];
            heads[k] = Bytes(t =>
            {
                foreach (long d in dims)
                {
                    t.WriteTag(1, WireFormat.WireType.Varint);
                    t.WriteInt64(d);
                }

                t.WriteTag(2, WireFormat.WireType.Varint);
                t.WriteInt32(1);
                t.WriteTag(8, WireFormat.WireType.LengthDelimited);
                t.WriteString(name);
                t.WriteTag(9, WireFormat.WireType.LengthDelimited);
                t.WriteLength(checked((int)bytes));
            });
            long tensorLength = heads[k].Length + data[k];
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
                output.WriteLength(checked((int)(heads[k].Length + data[k])));
            }

            file.Write(heads[k]);
            file.Seek(data[k], SeekOrigin.Current);
        }

        file.SetLength(file.Position);
        return file.Length;
    }

    /// <summary>The state dict of <c>nn.LSTM(inputSize, hiddenSize, numLayers)</c> as safetensors (F32); returns the file's length.</summary>
    public static long WriteSafetensorsLstm(string path, int inputSize, int hiddenSize, int numLayers)
    {
        var header = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long offset = 0;
        long gates = 4L * hiddenSize;
        for (int layer = 0; layer < numLayers; layer++)
        {
            long input = layer == 0 ? inputSize : hiddenSize;
            foreach ((string name, long[] dims) in new (string, long[])[]
            {
                ("weight_ih_l", [gates, input]), ("weight_hh_l", [gates, hiddenSize]), ("bias_ih_l", [gates]), ("bias_hh_l", [gates]),
            })
            {
                long bytes = 4;
                foreach (long d in dims)
                {
                    bytes *= d;
                }

                header.Append(CultureInfo.InvariantCulture, $",\"lstm.{name}{layer}\":{{\"dtype\":\"F32\",\"shape\":[{string.Join(",", dims)}],\"data_offsets\":[{offset},{offset + bytes}]}}");
                offset += bytes;
            }
        }

        byte[] text = Encoding.UTF8.GetBytes(header.Append('}').ToString());
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        byte[] size = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(size, (ulong)text.Length);
        file.Write(size);
        file.Write(text);
        file.SetLength(8 + text.Length + offset);
        return file.Length;
    }

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
