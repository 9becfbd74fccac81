using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace RecurrentParams.Import.Hdf5.Format;

/// <summary>
/// A bounded reader of the HDF5 structures Keras files use: superblock versions 0 to 3, object headers versions 1 and 2,
/// groups as symbol tables (v1 B-tree, SNOD, local heap) or links (compact, or dense in a fractal heap indexed by a v2
/// B-tree), attributes (compact or dense; variable-length strings in global heap collections), and a dataset's dataspace,
/// datatype and layout.
/// </summary>
/// <remarks>
/// <para>Nothing a structure claims is allocated before it is checked against the file: every read names its address
/// and size, and one past the end of the file is refused. A read allocates exactly what it reads, and all reads together
/// may not exceed <see cref="ReadBudget"/> (four times the file plus 1 MiB): in a well-formed file structures do not
/// overlap and each is read once (heaps are cached), so only a file whose structures point into each other over and
/// over reaches it. Loops run over bytes that were read, never over a count alone; cycles (a B-tree node, a
/// continuation block or a group reached twice) are refused.</para>
/// <para>Dataset values are read by <see cref="H5ValueReader"/>, through <see cref="ReadArray"/>: the same checks, the
/// same budget.</para>
/// </remarks>
internal sealed class H5File
{
    private static ReadOnlySpan<byte> SuperblockSignature => [0x89, (byte)'H', (byte)'D', (byte)'F', (byte)'\r', (byte)'\n', 0x1A, (byte)'\n'];

    private readonly Stream stream;
    private readonly string? entry;
    private readonly Dictionary<long, H5LocalHeap> localHeaps = [];
    private readonly Dictionary<long, H5GlobalHeap> globalHeaps = [];
    private long consumed;

    /// <summary>Opens the HDF5 file that <paramref name="stream"/> holds (seekable, from position 0 to its length).</summary>
    /// <param name="stream">The file; seekable.</param>
    /// <param name="entry">The zip entry the file is, for locations (<c>model.weights.h5, byte N</c>), or <see langword="null"/>.</param>
    /// <param name="trace">Called with the file address and width of every field decoded (the fuzzer's field map), or <see langword="null"/>.</param>
    public H5File(Stream stream, string? entry, Action<long, int>? trace = null)
    {
        this.stream = stream;
        this.entry = entry;
        Trace = trace;
        Length = stream.Length;
        ReadBudget = checked((4 * Length) + (1024 * 1024));
        Root = ReadSuperblock();
    }

    /// <summary>Gets the file's length in bytes.</summary>
    public long Length { get; }

    /// <summary>Gets the most bytes all reads of this file may take together.</summary>
    public long ReadBudget { get; }

    /// <summary>Gets the width of an address, from the superblock: 2, 4 or 8.</summary>
    public int OffsetSize { get; private set; } = 8;

    /// <summary>Gets the width of a length, from the superblock: 2, 4 or 8.</summary>
    public int LengthSize { get; private set; } = 8;

    /// <summary>Gets the address of the root group's object header.</summary>
    public long Root { get; }

    public Action<long, int>? Trace { get; }

    private long BaseAddress { get; set; }

    /// <summary>Reads <paramref name="count"/> bytes at <paramref name="address"/>, after checking the file holds them and the budget allows them.</summary>
    public H5Bytes Read(long address, long count, string what) => Read(address, count < 0 ? ulong.MaxValue : (ulong)count, what);

    /// <summary>Reads the <paramref name="count"/> bytes a structure claims at <paramref name="address"/>, after checking the file holds them and the budget allows them.</summary>
    public H5Bytes Read(long address, ulong count, string what)
    {
        long at = address < 0 || address > Length ? 0 : address;
        if (address < 0 || address > Length || count > (ulong)(Length - address))
        {
            throw Error(at, string.Format(
                CultureInfo.InvariantCulture,
                "{0} claims {1} bytes at byte {2}, but the file holds {3} bytes there",
                what,
                count,
                address,
                Length - at));
        }

        byte[] data = ReadArray(address, (long)count, what);
        return new H5Bytes(this, data, 0, data.Length, address);
    }

    /// <summary>Reads <paramref name="count"/> bytes at <paramref name="address"/> into an array of their own (a dataset's values), after checking the file holds them and the budget allows them.</summary>
    public byte[] ReadArray(long address, long count, string what)
    {
        if (address < 0 || address > Length || count < 0 || count > Length - address)
        {
            long at = address < 0 || address > Length ? 0 : address;
            throw Error(at, string.Format(CultureInfo.InvariantCulture, "{0} claims {1} bytes at byte {2}, but the file holds {3} bytes there", what, count, address, Length - at));
        }

        Charge(count, address, what);
        byte[] data = new byte[count];
        stream.Position = address;
        stream.ReadExactly(data);
        return data;
    }

    /// <summary>Counts bytes read or decoded against <see cref="ReadBudget"/>.</summary>
    public void Charge(long count, long address, string what)
    {
        consumed += count;
        if (consumed > ReadBudget)
        {
            throw Error(address, string.Format(
                CultureInfo.InvariantCulture,
                "reading {0} would take the bytes read past {1} (4 times the file's {2} bytes, plus 1 MiB); the file's structures point into each other over and over",
                what,
                ReadBudget,
                Length));
        }
    }

    /// <summary>An address field: relative to the base address; <see langword="null"/> when undefined (all bits set).</summary>
    public long? Address(ulong raw, H5Bytes at)
    {
        ulong undefined = OffsetSize == 8 ? ulong.MaxValue : (1UL << (8 * OffsetSize)) - 1;
        if (raw == undefined)
        {
            return null;
        }

        if (raw > (ulong)(Length - BaseAddress))
        {
            throw at.Error(string.Format(CultureInfo.InvariantCulture, "an address points to byte {0}, past the end of the file ({1} bytes)", raw, Length));
        }

        return BaseAddress + (long)raw;
    }

    /// <summary>An address field that must be defined.</summary>
    public long RequiredAddress(ulong raw, H5Bytes at, string what) =>
        Address(raw, at) ?? throw at.Error(what + " has no address (undefined)");

    public ModelFormatException Error(long address, string message, Exception? inner = null) =>
        new(message, (entry is null ? string.Empty : entry + ", ") + "byte " + address.ToString(CultureInfo.InvariantCulture), inner);

    /// <summary>The local heap at an address (read once): where a symbol-table group keeps its link names.</summary>
    public H5LocalHeap LocalHeap(long address)
    {
        if (!localHeaps.TryGetValue(address, out H5LocalHeap? heap))
        {
            heap = new H5LocalHeap(this, address);
            localHeaps.Add(address, heap);
        }

        return heap;
    }

    /// <summary>The global heap collection at an address (read once): where variable-length strings live.</summary>
    public H5GlobalHeap GlobalHeap(long address)
    {
        if (!globalHeaps.TryGetValue(address, out H5GlobalHeap? heap))
        {
            heap = new H5GlobalHeap(this, address);
            globalHeaps.Add(address, heap);
        }

        return heap;
    }

    private long ReadSuperblock()
    {
        // The superblock is at byte 0, or 512, 1024, 2048, ... after a user block.
        Span<byte> signature = stackalloc byte[8];
        for (long at = 0; at + 8 <= Length; at = at == 0 ? 512 : at * 2)
        {
            stream.Position = at;
            stream.ReadExactly(signature);
            if (signature.SequenceEqual(SuperblockSignature))
            {
                return Superblock(at);
            }
        }

        throw Error(0, "expected an HDF5 file (the signature \\x89HDF\\r\\n\\x1a\\n at byte 0, 512, 1024, ...) but found none");
    }

    private long Superblock(long at)
    {
        H5Bytes head = Read(at, Math.Min(Length - at, 16), "the superblock");
        head.Skip(8);
        int version = head.U8();
        H5Bytes bytes;
        switch (version)
        {
            case 0:
            case 1:
                head.Skip(4);
                OffsetSize = Width(head.U8(), head);
                LengthSize = Width(head.U8(), head);
                int size = 24 + (version == 1 ? 4 : 0) + (4 * OffsetSize) + (2 * OffsetSize) + 24;
                bytes = Read(at, size, "the superblock");
                bytes.Skip(24 + (version == 1 ? 4 : 0));
                BaseAddress = Base(bytes.Offset(), at, bytes);
                bytes.Skip(3 * OffsetSize); // free-space info, end of file, driver info
                bytes.Offset(); // the root entry's link name offset
                return RequiredAddress(bytes.Offset(), bytes, "the root group");
            case 2:
            case 3:
                OffsetSize = Width(head.U8(), head);
                LengthSize = Width(head.U8(), head);
                bytes = Read(at, 12 + (4 * OffsetSize) + 4, "the superblock");
                bytes.Skip(12);
                BaseAddress = Base(bytes.Offset(), at, bytes);
                bytes.Skip(2 * OffsetSize); // superblock extension, end of file
                return RequiredAddress(bytes.Offset(), bytes, "the root group");
            default:
                throw head.Error(string.Format(CultureInfo.InvariantCulture, "the superblock has version {0}; versions 0 to 3 are read", version));
        }
    }

    private static long Base(ulong raw, long superblock, H5Bytes at)
    {
        // The base address is absolute; files written with a user block put it at the superblock.
        return raw == 0 || raw == (ulong)superblock ? (long)raw : throw at.Error(string.Format(CultureInfo.InvariantCulture, "the base address is {0}; expected 0 or the superblock's address {1}", raw, superblock));
    }

    private static int Width(int width, H5Bytes at) =>
        width is 2 or 4 or 8 ? width : throw at.Error(string.Format(CultureInfo.InvariantCulture, "the superblock gives a field width of {0}; HDF5 uses 2, 4 or 8", width));
}
