using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Text;
using Google.Protobuf;

namespace RecurrentParams.Import.Benchmarks;

/// <summary>Writes large safetensors files whose tensor bytes are holes (sparse files); the ONNX one is the tests' <c>OnnxFiles.WriteSparseLstm</c>.</summary>
internal static class SparseFiles
{
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
