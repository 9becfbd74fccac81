using System;
using System.Globalization;

namespace RecurrentParams.Import.Hdf5.Format;

/// <summary>A fractal heap (<c>FRHP</c>): where dense groups keep link messages and dense attribute storage keeps attribute messages.</summary>
/// <remarks>
/// Managed objects in a root direct block or in the direct blocks of a root indirect block, and tiny objects (inside their
/// heap ID), are read; huge objects, filtered heaps and nested indirect blocks (heaps past several hundred KB of links or
/// attributes) are refused as unsupported.
/// </remarks>
internal sealed class H5FractalHeap
{
    private readonly H5File file;
    private readonly long address;
    private readonly int idLength;
    private readonly int tableWidth;
    private readonly ulong startBlockSize;
    private readonly int maxDirectRows;
    private readonly long? root;
    private readonly int rows;
    private readonly int offsetWidth;
    private readonly int lengthWidth;
    private readonly bool checksummed;
    private long[]? directBlocks;

    public H5FractalHeap(H5File file, long address)
    {
        this.file = file;
        this.address = address;
        H5Bytes head = file.Read(address, 26 + (12 * file.LengthSize) + (3 * file.OffsetSize), "a fractal heap header");
        if (!head.Signature("FRHP"))
        {
            throw head.Error("expected a fractal heap header (signature FRHP)");
        }

        int version = head.U8();
        idLength = head.U16();
        int filters = head.U16();
        int flags = head.U8();
        checksummed = (flags & 0x02) != 0;
        uint maxManaged = head.U32();
        head.Length(); // next huge object ID
        head.Offset(); // huge objects' B-tree
        head.Length(); // free space in managed blocks
        head.Offset(); // free space manager
        head.Skip(8 * file.LengthSize); // managed space, allocated, iterator, counts and sizes of managed, huge and tiny objects
        tableWidth = head.U16();
        startBlockSize = head.Length();
        ulong maxDirect = head.Length();
        int maxHeapBits = head.U16();
        head.U16(); // starting rows of the root indirect block
        root = file.Address(head.Offset(), head);
        rows = head.U16();
        if (version != 0 || filters != 0 || tableWidth == 0 || tableWidth > 65536 || !PowerOfTwo(startBlockSize) || !PowerOfTwo(maxDirect) || maxDirect < startBlockSize || maxHeapBits is 0 or > 64 || idLength is 0 or > 255)
        {
            throw head.Error(string.Format(CultureInfo.InvariantCulture, "a fractal heap (version {0}, {1} bytes of I/O filters, table width {2}, blocks of {3} to {4} bytes, {5}-bit offsets) is not one this reader can read", version, filters, tableWidth, startBlockSize, maxDirect, maxHeapBits));
        }

        maxDirectRows = Log2(maxDirect) - Log2(startBlockSize) + 2;
        offsetWidth = (maxHeapBits + 7) / 8;
        lengthWidth = Math.Min((Log2(maxDirect) + 7) / 8, (Log2(Math.Max(maxManaged, 1)) / 8) + 1);
    }

    /// <summary>The object a heap ID names (managed or tiny).</summary>
    public H5Bytes Object(H5Bytes id)
    {
        int first = id.U8();
        int type = (first >> 4) & 0x03;
        if ((first >> 6) != 0)
        {
            throw id.Error(string.Format(CultureInfo.InvariantCulture, "a fractal heap ID has version {0}; version 0 is read", first >> 6));
        }

        if (type == 2)
        {
            int length = idLength <= 18 ? (first & 0x0F) + 1 : (((first & 0x0F) << 8) | id.U8()) + 1;
            return id.Slice(length, "a tiny heap object");
        }

        if (type != 0)
        {
            throw id.Error("a fractal heap ID names a huge object; huge heap objects are not read");
        }

        ulong offset = id.Unsigned(offsetWidth);
        ulong size = id.Unsigned(lengthWidth);
        (long block, ulong blockOffset, ulong blockSize) = Block(offset, id);
        ulong within = offset - blockOffset;
        if (within >= blockSize || within < (ulong)HeaderSize() || size > blockSize - within || within > (ulong)(file.Length - block))
        {
            throw id.Error(string.Format(CultureInfo.InvariantCulture, "a fractal heap object of {0} bytes at offset {1} does not fit in its direct block of {2} bytes", size, offset, blockSize));
        }

        return file.Read(block + (long)within, size, "a fractal heap object");
    }

    private int HeaderSize() => 5 + file.OffsetSize + offsetWidth + (checksummed ? 4 : 0);

    /// <summary>The direct block holding a heap offset: its address, its offset in the heap and its size.</summary>
    private (long Address, ulong Offset, ulong Size) Block(ulong offset, H5Bytes at)
    {
        if (root is not long rootAddress)
        {
            throw at.Error("a fractal heap object is named, but the heap has no blocks");
        }

        if (rows == 0)
        {
            return (rootAddress, 0, startBlockSize);
        }

        directBlocks ??= ReadIndirect(rootAddress);
        ulong start = 0;
        int directRows = Math.Min(rows, maxDirectRows);
        for (int row = 0; row < directRows; row++)
        {
            ulong size = row < 2 ? startBlockSize : startBlockSize << (row - 1);
            for (int column = 0; column < tableWidth; column++)
            {
                if (offset - start < size)
                {
                    long block = directBlocks[(row * tableWidth) + column];
                    return block >= 0 ? (block, start, size) : throw at.Error("a fractal heap object is in a direct block that was never allocated");
                }

                if (ulong.MaxValue - start < size)
                {
                    break;
                }

                start += size;
            }
        }

        throw at.Error(string.Format(CultureInfo.InvariantCulture, "a fractal heap object is at offset {0}, past the heap's direct blocks (objects in nested indirect blocks are not read)", offset));
    }

    private long[] ReadIndirect(long rootAddress)
    {
        int directRows = Math.Min(rows, maxDirectRows);
        long entries = (long)directRows * tableWidth;
        H5Bytes block = file.Read(rootAddress, 5 + file.OffsetSize + offsetWidth + (entries * file.OffsetSize), "a fractal heap indirect block");
        if (!block.Signature("FHIB"))
        {
            throw block.Error("expected a fractal heap indirect block (signature FHIB)");
        }

        block.Skip(1 + file.OffsetSize + offsetWidth);
        long[] addresses = new long[entries];
        for (long k = 0; k < entries; k++)
        {
            addresses[k] = file.Address(block.Offset(), block) ?? -1;
        }

        return addresses;
    }

    private static bool PowerOfTwo(ulong value) => value != 0 && (value & (value - 1)) == 0;

    private static int Log2(ulong value)
    {
        int log = 0;
        while (value > 1)
        {
            value >>= 1;
            log++;
        }

        return log;
    }
}
