using System;
using System.Globalization;
using RecurrentParams.Import.Internal;

namespace RecurrentParams.Import.Hdf5.Format;

/// <summary>
/// A cursor over bytes read from an HDF5 file: little-endian fields, offsets and lengths of the file's widths, each read
/// checked against the end of the structure it belongs to. Every field read is reported to the file's trace (the fuzzer's
/// field map) with its file address.
/// </summary>
internal sealed class H5Bytes
{
    private readonly H5File file;
    private readonly byte[] data;
    private readonly int start;
    private readonly int end;
    private readonly long origin;
    private int position;

    /// <param name="file">The file the bytes come from.</param>
    /// <param name="data">The bytes.</param>
    /// <param name="start">The first byte of this view in <paramref name="data"/>.</param>
    /// <param name="end">One past the last byte of this view.</param>
    /// <param name="origin">The file address of <c>data[0]</c>.</param>
    public H5Bytes(H5File file, byte[] data, int start, int end, long origin)
    {
        this.file = file;
        this.data = data;
        this.start = start;
        this.end = end;
        this.origin = origin;
        position = start;
    }

    /// <summary>Gets the file address of the next byte.</summary>
    public long Address => origin + position;

    /// <summary>Gets the bytes left in this view.</summary>
    public int Remaining => end - position;

    public H5File File => file;

    /// <summary>Gets the size of this view, from its start.</summary>
    public int Size => end - start;

    /// <summary>A cursor at <paramref name="offset"/> from this view's start, to its end.</summary>
    public H5Bytes From(long offset, string what)
    {
        if (offset < 0 || offset > Size)
        {
            throw Error(string.Format(CultureInfo.InvariantCulture, "{0} is at offset {1} of a structure of {2} bytes", what, offset, Size));
        }

        return new H5Bytes(file, data, start + (int)offset, end, origin);
    }

    /// <summary>A null-terminated name (the zero is skipped): UTF-8 of at most <paramref name="maxLength"/> characters, else refused naming <see cref="ModelReaderOptions.MaxNameLength"/>.</summary>
    public string Name(int maxLength, string what)
    {
        long at = Address;
        int window = (int)Math.Min(Remaining, (4L * maxLength) + 1);
        int length = Array.IndexOf(data, (byte)0, position, window) - position;
        if (length < 0 && window == Remaining)
        {
            throw Error(string.Format(CultureInfo.InvariantCulture, "{0} has no terminating zero byte before its structure ends", what));
        }

        string name = length < 0 ? string.Empty : H5Strings.Text(Span(length, what));
        if (length < 0 || name.Length > maxLength)
        {
            throw file.Error(at, Limits.Message(length < 0 ? "a name of more than " + (4L * maxLength).ToString("N0", CultureInfo.InvariantCulture) + " bytes" : "a name of " + name.Length.ToString("N0", CultureInfo.InvariantCulture) + " characters", maxLength, "characters", nameof(ModelReaderOptions.MaxNameLength)));
        }

        position++;
        return name;
    }

    public byte U8() => (byte)Unsigned(1);

    public ushort U16() => (ushort)Unsigned(2);

    public uint U32() => (uint)Unsigned(4);

    public ulong U64() => Unsigned(8);

    /// <summary>An address, <see cref="H5File.OffsetSize"/> bytes wide.</summary>
    public ulong Offset() => Unsigned(file.OffsetSize);

    /// <summary>A length, <see cref="H5File.LengthSize"/> bytes wide.</summary>
    public ulong Length() => Unsigned(file.LengthSize);

    /// <summary>An unsigned little-endian integer of 1 to 8 bytes.</summary>
    public ulong Unsigned(int width)
    {
        Need(width, "a field");
        file.Trace?.Invoke(Address, width);
        ulong value = 0;
        for (int k = width - 1; k >= 0; k--)
        {
            value = (value << 8) | data[position + k];
        }

        position += width;
        return value;
    }

    /// <summary>A count field that must fit in an <see cref="int"/> (sizes within a structure).</summary>
    public int Count(int width, string what)
    {
        ulong value = Unsigned(width);
        return value <= int.MaxValue ? (int)value : throw Error(string.Format(CultureInfo.InvariantCulture, "{0} is {1}, more than any structure of this file can hold", what, value));
    }

    public void Skip(int count)
    {
        Need(count, "the structure");
        position += count;
    }

    /// <summary>The next <paramref name="count"/> bytes as a view of their own; this cursor moves past them.</summary>
    public H5Bytes Slice(int count, string what)
    {
        Need(count, what);
        var slice = new H5Bytes(file, data, position, position + count, origin);
        position += count;
        return slice;
    }

    public ReadOnlySpan<byte> Span(int count, string what)
    {
        Need(count, what);
        var span = new ReadOnlySpan<byte>(data, position, count);
        position += count;
        return span;
    }

    /// <summary>Checks the next bytes against a four-byte signature such as <c>OHDR</c>.</summary>
    public bool Signature(string signature)
    {
        if (Remaining < signature.Length)
        {
            return false;
        }

        for (int k = 0; k < signature.Length; k++)
        {
            if (data[position + k] != signature[k])
            {
                return false;
            }
        }

        position += signature.Length;
        return true;
    }

    public void Need(int count, string what)
    {
        if (count < 0 || count > Remaining)
        {
            throw Error(string.Format(CultureInfo.InvariantCulture, "{0} needs {1} more bytes, but its structure ends after {2}", what, count, Remaining));
        }
    }

    public ModelFormatException Error(string message) => file.Error(Address, message);
}
