using System;
using System.Collections.Generic;
using System.Globalization;
using Google.Protobuf;
using RecurrentParams.Import.Internal;

namespace RecurrentParams.Import.Onnx.Internal;

/// <summary>
/// The values of one floating-point initializer, collected from its typed fields (<c>float_data</c>, <c>double_data</c>,
/// <c>int32_data</c>) while the tensor is walked, and decoded at its end with <c>raw_data</c>, once its type and dims are known.
/// </summary>
/// <remarks>
/// Every field's bytes are counted against <see cref="ModelReaderOptions.MaxWeightBytes"/> before they are read; the lists
/// grow only with values present. The rules are the ONNX schema's (<c>onnx.proto</c>, <c>TensorProto</c>): <c>raw_data</c> is
/// little-endian and excludes the typed fields; FLOAT values are in <c>float_data</c>, DOUBLE in <c>double_data</c>, FLOAT16
/// and BFLOAT16 as their 16 bits in <c>int32_data</c>; the element count is the product of the dims.
/// </remarks>
internal sealed class OnnxTensorValues
{
    private readonly List<float> floats = [];
    private readonly List<double> doubles = [];
    private readonly List<int> halves = [];

    /// <summary>Whether a tensor of this type has its values read: FLOAT, FLOAT16, DOUBLE, BFLOAT16.</summary>
    public static bool IsRead(int dataType) => dataType is 1 or 10 or 11 or 16;

    /// <summary>Whether data met before the type may belong to a tensor whose values are read (the type unset, or a read one).</summary>
    public static bool MayHold(int dataType) => dataType == 0 || IsRead(dataType);

    /// <summary>Reads one occurrence of float_data (4), int32_data (5) or double_data (10), packed or not; returns the bytes it took.</summary>
    public long Read(ProtoInput input, uint tag, long end, Action<long> budget)
    {
        int field = ProtoInput.Field(tag);
        if (ProtoInput.Wire(tag) == WireFormat.WireType.LengthDelimited)
        {
            if (field == 5)
            {
                long before = input.Position;
                long packedEnd = input.ReadEnd(end);
                budget(packedEnd - input.Position);
                while (input.Position < packedEnd)
                {
                    halves.Add(input.ReadInt32());
                }

                input.CheckInside(packedEnd);
                return input.Position - before;
            }

            ByteString bytes = input.ReadBoundedBytes(end, budget);
            int size = field == 4 ? 4 : 8;
            if (bytes.Length % size != 0)
            {
                throw input.Error(string.Format(CultureInfo.InvariantCulture, "a packed {0} field holds {1} bytes, not a whole number of {2}-byte values", field == 4 ? "float_data" : "double_data", bytes.Length, size));
            }

            byte[] raw = bytes.ToByteArray();
            if (field == 4)
            {
                floats.AddRange(WeightValues.Decode(raw, "F32"));
            }
            else
            {
                // Kept at full width: the values are narrowed once, at the end, like raw_data's.
                for (int k = 0; k < raw.Length; k += 8)
                {
                    doubles.Add(BitConverter.Int64BitsToDouble(ReadInt64LittleEndian(raw, k)));
                }
            }

            return bytes.Length;
        }

        switch (field)
        {
            case 4:
                input.Expect(tag, WireFormat.WireType.Fixed32);
                budget(4);
                floats.Add(input.ReadFloat());
                return 4;
            case 10:
                input.Expect(tag, WireFormat.WireType.Fixed64);
                budget(8);
                doubles.Add(input.ReadDouble());
                return 8;
            default:
                input.Expect(tag, WireFormat.WireType.Varint);
                long start = input.Position;
                budget(2);
                halves.Add(input.ReadInt32());
                return input.Position - start;
        }
    }

    /// <summary>The values as 32-bit floats, exactly as many as the dims say, or a refusal at the tensor's end.</summary>
    public float[] Decode(ProtoInput input, string what, int dataType, long elements, ByteString? raw, bool external, bool segmented)
    {
        if (external)
        {
            throw input.Error(what + " keeps its values in an external data file, which is not read; save the model with its data inside (onnx.save_model(model, path, save_as_external_data=False)) or load it with onnx.load, which reads the external file");
        }

        if (segmented)
        {
            throw input.Error(what + " is split into segments (TensorProto.segment), which are not read");
        }

        string typed = dataType switch { 1 => "float_data", 11 => "double_data", _ => "int32_data" };
        int foreign = dataType switch { 1 => doubles.Count + halves.Count, 11 => floats.Count + halves.Count, _ => floats.Count + doubles.Count };
        if (foreign > 0)
        {
            throw input.Error(what + " has values in a typed field other than " + typed + ", the one the ONNX schema gives its type");
        }

        int count = dataType switch { 1 => floats.Count, 11 => doubles.Count, _ => halves.Count };
        if (raw is not null && count > 0)
        {
            throw input.Error(what + " has values both in raw_data and in " + typed + "; the ONNX schema allows one of them");
        }

        float[] values = raw is null ? Typed(input, what, dataType) : Raw(input, what, dataType, raw);
        if (values.LongLength != elements)
        {
            throw input.Error(string.Format(CultureInfo.InvariantCulture, "{0} has {1:N0} values, but its dims make {2:N0} elements", what, values.LongLength, elements));
        }

        return values;
    }

    private static float[] Raw(ProtoInput input, string what, int dataType, ByteString raw)
    {
        int size = dataType switch { 1 => 4, 11 => 8, _ => 2 };
        if (raw.Length % size != 0)
        {
            throw input.Error(string.Format(CultureInfo.InvariantCulture, "{0} has {1:N0} bytes of raw_data, not a whole number of {2}-byte values", what, raw.Length, size));
        }

        return WeightValues.Decode(raw.ToByteArray(), dataType switch { 1 => "F32", 11 => "F64", 10 => "F16", _ => "BF16" });
    }

    private static long ReadInt64LittleEndian(byte[] bytes, int at)
    {
        ulong value = 0;
        for (int b = 7; b >= 0; b--)
        {
            value = (value << 8) | bytes[at + b];
        }

        return unchecked((long)value);
    }

    private float[] Typed(ProtoInput input, string what, int dataType)
    {
        switch (dataType)
        {
            case 1:
                return [.. floats];
            case 11:
                float[] narrow = new float[doubles.Count];
                for (int k = 0; k < narrow.Length; k++)
                {
                    narrow[k] = (float)doubles[k];
                }

                return narrow;
            default:
                byte[] bits = new byte[checked(halves.Count * 2)];
                for (int k = 0; k < halves.Count; k++)
                {
                    if (halves[k] is < 0 or > ushort.MaxValue)
                    {
                        throw input.Error(string.Format(CultureInfo.InvariantCulture, "{0} holds {1} in int32_data, where the 16 bits of a value (0 to 65535) belong", what, halves[k]));
                    }

                    bits[2 * k] = unchecked((byte)halves[k]);
                    bits[(2 * k) + 1] = unchecked((byte)(halves[k] >> 8));
                }

                return WeightValues.Decode(bits, dataType == 10 ? "F16" : "BF16");
        }
    }
}
