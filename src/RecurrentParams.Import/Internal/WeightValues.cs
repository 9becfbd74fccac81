using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace RecurrentParams.Import.Internal;

/// <summary>Reads weight bytes that have arrived and decodes them to 32-bit floats.</summary>
internal static class WeightValues
{
    /// <summary>The largest piece read at once: what a claim costs before its bytes arrive.</summary>
    private const int Chunk = 1 << 20;

    /// <summary>Reads <paramref name="count"/> bytes, growing the buffer only as bytes arrive, so a claim the stream does not back costs at most one chunk.</summary>
    public static byte[] ReadClaimed(Stream stream, long count, long offset)
    {
        if (count <= Chunk)
        {
            byte[] small = new byte[count];
            StreamInput.ReadExactly(stream, small, (int)count, offset);
            return small;
        }

        var pieces = new List<byte[]>();
        long done = 0;
        while (done < count)
        {
            byte[] piece = new byte[(int)Math.Min(Chunk, count - done)];
            StreamInput.ReadExactly(stream, piece, piece.Length, offset + done);
            pieces.Add(piece);
            done += piece.Length;
        }

        byte[] all = new byte[count];
        long at = 0;
        foreach (byte[] piece in pieces)
        {
            Buffer.BlockCopy(piece, 0, all, (int)at, piece.Length);
            at += piece.Length;
        }

        return all;
    }

    /// <summary>Reads and drops <paramref name="count"/> bytes of a stream that cannot seek.</summary>
    public static void Skip(Stream stream, long count, long offset)
    {
        byte[] buffer = new byte[(int)Math.Min(Chunk, Math.Max(1, count))];
        long done = 0;
        while (done < count)
        {
            int read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, count - done));
            if (read == 0)
            {
                throw Fail.Error(Fail.Byte(offset + done), string.Format(CultureInfo.InvariantCulture, "the file ends; {0} more bytes were expected", count - done));
            }

            done += read;
        }
    }

    /// <summary>Gets the bytes per element of the floating-point encodings read: 8, 4 or 2; 0 for any other.</summary>
    public static int FloatSize(string dtype) => dtype switch
    {
        "F64" => 8,
        "F32" => 4,
        "F16" or "BF16" => 2,
        _ => 0,
    };

    /// <summary>Decodes little-endian values of a safetensors dtype (F64, F32, F16, BF16).</summary>
    public static float[] Decode(byte[] bytes, string dtype)
    {
        switch (dtype)
        {
            case "F32":
                return LittleEndian<float>(bytes);
            case "F64":
                double[] wide = LittleEndian<double>(bytes);
                float[] narrow = new float[wide.Length];
                for (int k = 0; k < wide.Length; k++)
                {
                    narrow[k] = (float)wide[k];
                }

                return narrow;
            default:
                ushort[] halves = LittleEndian<ushort>(bytes);
                uint[] bits = new uint[halves.Length];
                for (int k = 0; k < halves.Length; k++)
                {
                    bits[k] = dtype == "BF16" ? (uint)halves[k] << 16 : HalfToSingleBits(halves[k]);
                }

                return MemoryMarshal.Cast<uint, float>(bits).ToArray();
        }
    }

    /// <summary>Widens an IEEE 754 half (binary16) to the bits of the float (binary32) with the same value.</summary>
    public static uint HalfToSingleBits(ushort half)
    {
        uint sign = (uint)(half & 0x8000) << 16;
        int exponent = (half >> 10) & 0x1F;
        uint mantissa = (uint)half & 0x3FF;
        if (exponent == 0x1F)
        {
            return sign | 0x7F800000 | (mantissa << 13); // infinity or NaN
        }

        if (exponent == 0)
        {
            if (mantissa == 0)
            {
                return sign; // ±0
            }

            // A subnormal half is a normal float: shift the mantissa up to its leading one.
            exponent = 1;
            while ((mantissa & 0x400) == 0)
            {
                mantissa <<= 1;
                exponent--;
            }

            mantissa &= 0x3FF;
        }

        return sign | (uint)((exponent + 112) << 23) | (mantissa << 13);
    }

    private static T[] LittleEndian<T>(byte[] bytes)
        where T : struct
    {
        if (!BitConverter.IsLittleEndian)
        {
            int size = Marshal.SizeOf<T>();
            for (int at = 0; at + size <= bytes.Length; at += size)
            {
                Array.Reverse(bytes, at, size);
            }
        }

        return MemoryMarshal.Cast<byte, T>(bytes).ToArray();
    }
}
