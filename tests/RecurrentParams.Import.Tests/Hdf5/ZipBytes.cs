using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace RecurrentParams.Import.Tests.Hdf5;

/// <summary>Finds and patches the records of a small zip (no Zip64, no comment), and writes stored zips by hand.</summary>
internal static class ZipBytes
{
    /// <summary>The offset of the end of central directory record.</summary>
    public static int End(byte[] zip)
    {
        int at = zip.Length - 22;
        while (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at)) != 0x06054B50)
        {
            at--;
        }

        return at;
    }

    /// <summary>The offset of the central directory header of <paramref name="name"/>.</summary>
    public static int Central(byte[] zip, string name)
    {
        int end = End(zip);
        int at = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(end + 16));
        byte[] wanted = Encoding.UTF8.GetBytes(name);
        while (true)
        {
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 28));
            if (zip.AsSpan(at + 46, nameLength).SequenceEqual(wanted))
            {
                return at;
            }

            at += 46 + nameLength + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 30)) + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 32));
        }
    }

    /// <summary>The offset of the local header of <paramref name="name"/>.</summary>
    public static int Local(byte[] zip, string name) => (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(Central(zip, name) + 42));

    /// <summary>The offset of the first data byte of <paramref name="name"/>.</summary>
    public static int Data(byte[] zip, string name)
    {
        int local = Local(zip, name);
        return local + 30 + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(local + 26)) + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(local + 28));
    }

    public static void U16(byte[] zip, int at, int value) => BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(at), (ushort)value);

    public static void U32(byte[] zip, int at, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(at), value);

    /// <summary>Writes a stored zip; the entry named <paramref name="padded"/> is followed, inside its data, by <paramref name="hole"/> bytes the stream skips over (a sparse file's hole).</summary>
    public static void WriteStored(Stream output, (string Name, byte[] Data)[] entries, string? padded = null, long hole = 0) =>
        WriteStored(output, Array.ConvertAll(entries, e => (e.Name, e.Data, e.Name == padded ? hole : 0L)));

    /// <summary>Writes a stored zip; each entry's data is followed, inside the entry, by its <c>Hole</c> bytes the stream skips over (a sparse file's hole).</summary>
    public static void WriteStored(Stream output, (string Name, byte[] Data, long Hole)[] entries)
    {
        using var central = new MemoryStream();
        Span<byte> local = stackalloc byte[30];
        Span<byte> header = stackalloc byte[46];
        int count = 0;
        foreach ((string name, byte[] data, long hole) in entries)
        {
            byte[] raw = Encoding.UTF8.GetBytes(name);
            long size = data.Length + hole;
            uint crc = Crc32(data);
            long offset = output.Position;
            local.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(local, 0x04034B50);
            BinaryPrimitives.WriteUInt16LittleEndian(local[4..], 20);
            BinaryPrimitives.WriteUInt16LittleEndian(local[12..], 0x21);
            BinaryPrimitives.WriteUInt32LittleEndian(local[14..], crc);
            BinaryPrimitives.WriteUInt32LittleEndian(local[18..], checked((uint)size));
            BinaryPrimitives.WriteUInt32LittleEndian(local[22..], checked((uint)size));
            BinaryPrimitives.WriteUInt16LittleEndian(local[26..], (ushort)raw.Length);
            output.Write(local);
            output.Write(raw);
            output.Write(data);
            output.Seek(size - data.Length, SeekOrigin.Current);

            header.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(header, 0x02014B50);
            BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 0x0314);
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 20);
            BinaryPrimitives.WriteUInt16LittleEndian(header[14..], 0x21);
            BinaryPrimitives.WriteUInt32LittleEndian(header[16..], crc);
            BinaryPrimitives.WriteUInt32LittleEndian(header[20..], checked((uint)size));
            BinaryPrimitives.WriteUInt32LittleEndian(header[24..], checked((uint)size));
            BinaryPrimitives.WriteUInt16LittleEndian(header[28..], (ushort)raw.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header[42..], checked((uint)offset));
            central.Write(header);
            central.Write(raw);
            count++;
        }

        long directory = output.Position;
        central.Position = 0;
        central.CopyTo(output);
        Span<byte> end = stackalloc byte[22];
        end.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054B50);
        BinaryPrimitives.WriteUInt16LittleEndian(end[8..], (ushort)count);
        BinaryPrimitives.WriteUInt16LittleEndian(end[10..], (ushort)count);
        BinaryPrimitives.WriteUInt32LittleEndian(end[12..], checked((uint)central.Length));
        BinaryPrimitives.WriteUInt32LittleEndian(end[16..], checked((uint)directory));
        output.Write(end);
    }

    private static uint Crc32(byte[] data)
    {
        uint crc = uint.MaxValue;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
