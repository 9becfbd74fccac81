using System;
using System.Collections.Generic;
using System.Globalization;

namespace RecurrentParams.Import.Hdf5.Format;

/// <summary>Walks a version 1 B-tree of group nodes (<c>TREE</c>) to its symbol table nodes (<c>SNOD</c>): the links of an old-style group.</summary>
internal static class H5SymbolTable
{
    /// <summary>Every (name, object address) entry of the group, in the B-tree's order.</summary>
    public static List<(string Name, long Address)> Links(H5File file, long btree, long heapAddress, int maxNameLength)
    {
        H5LocalHeap heap = file.LocalHeap(heapAddress);
        var links = new List<(string, long)>();
        var seen = new HashSet<long>();
        var pending = new Stack<(long Address, int Level)>();
        pending.Push((btree, -1));
        while (pending.Count > 0)
        {
            (long address, int expectedLevel) = pending.Pop();
            if (!seen.Add(address))
            {
                throw file.Error(address, "a group's B-tree reaches the same node twice (a cycle)");
            }

            H5Bytes head = file.Read(address, 8 + (2 * file.OffsetSize), "a group B-tree node");
            if (!head.Signature("TREE"))
            {
                throw head.Error("expected a B-tree node (signature TREE)");
            }

            int type = head.U8();
            int level = head.U8();
            int entries = head.U16();
            if (type != 0 || (expectedLevel >= 0 && level != expectedLevel))
            {
                throw head.Error(string.Format(CultureInfo.InvariantCulture, "expected a group B-tree node (type 0) at level {0} but found type {1} at level {2}", expectedLevel < 0 ? "any" : expectedLevel.ToString(CultureInfo.InvariantCulture), type, level));
            }

            // Keys (lengths) and children (addresses) alternate, one more key than children.
            H5Bytes body = file.Read(address + 8 + (2 * file.OffsetSize), ((entries + 1L) * file.LengthSize) + ((long)entries * file.OffsetSize), "a group B-tree node's keys and children");
            var children = new List<long>(Math.Min(entries, 1024));
            for (int k = 0; k < entries; k++)
            {
                body.Length();
                children.Add(file.RequiredAddress(body.Offset(), body, "a group B-tree child"));
            }

            if (level > 0)
            {
                for (int k = children.Count - 1; k >= 0; k--)
                {
                    pending.Push((children[k], level - 1));
                }

                continue;
            }

            // Level 0: the children are symbol table nodes; their order is the B-tree's (by name), kept by a stack of one.
            foreach (long node in children)
            {
                if (!seen.Add(node))
                {
                    throw file.Error(node, "a group's B-tree reaches the same symbol table node twice (a cycle)");
                }

                SymbolNode(file, node, heap, maxNameLength, links);
            }
        }

        return links;
    }

    private static void SymbolNode(H5File file, long address, H5LocalHeap heap, int maxNameLength, List<(string, long)> links)
    {
        H5Bytes head = file.Read(address, 8, "a symbol table node");
        if (!head.Signature("SNOD"))
        {
            throw head.Error("expected a symbol table node (signature SNOD)");
        }

        head.Skip(2);
        int count = head.U16();
        int entrySize = (2 * file.OffsetSize) + 24;
        H5Bytes entries = file.Read(address + 8, (long)count * entrySize, "a symbol table node's entries");
        for (int k = 0; k < count; k++)
        {
            H5Bytes entry = entries.Slice(entrySize, "a symbol table entry");
            ulong nameOffset = entry.Offset();
            long header = file.RequiredAddress(entry.Offset(), entry, "a symbol table entry's object");
            links.Add((heap.Name(nameOffset, maxNameLength), header));
        }
    }
}

/// <summary>Walks a version 2 B-tree (<c>BTHD</c>, <c>BTIN</c>, <c>BTLF</c>) and returns its records' bytes.</summary>
internal static class H5BTree2
{
    private const int Prefix = 10; // signature, version, type, checksum

    public static List<H5Bytes> Records(H5File file, long address, int expectedType)
    {
        H5Bytes head = file.Read(address, 16 + file.OffsetSize + 2 + file.LengthSize + 4, "a v2 B-tree header");
        if (!head.Signature("BTHD"))
        {
            throw head.Error("expected a v2 B-tree header (signature BTHD)");
        }

        int version = head.U8();
        int type = head.U8();
        uint nodeSize = head.U32();
        int recordSize = head.U16();
        int depth = head.U16();
        head.Skip(2);
        long? root = file.Address(head.Offset(), head);
        int rootRecords = head.U16();
        if (version != 0 || type != expectedType || recordSize == 0 || nodeSize <= Prefix || nodeSize > file.Length)
        {
            throw head.Error(string.Format(CultureInfo.InvariantCulture, "expected a v2 B-tree of type {0} (version 0) with nodes that fit in the file, but found version {1}, type {2}, nodes of {3} bytes and records of {4}", expectedType, version, type, nodeSize, recordSize));
        }

        var records = new List<H5Bytes>();
        if (root is not long rootAddress)
        {
            return records;
        }

        // The widths of an internal node's child pointers, as HDF5 derives them from the node and record sizes.
        long leafMax = (nodeSize - Prefix) / recordSize;
        int recordCountWidth = Bytes(leafMax);
        var totalWidths = new int[Math.Min(depth, 64) + 1];
        var pointerSizes = new int[totalWidths.Length];
        long cumulative = leafMax;
        for (int d = 1; d < totalWidths.Length; d++)
        {
            pointerSizes[d] = file.OffsetSize + recordCountWidth + totalWidths[d - 1];
            long max = Math.Max(0, (nodeSize - (Prefix + pointerSizes[d])) / (recordSize + pointerSizes[d]));
            cumulative = cumulative > long.MaxValue / (max + 2) ? long.MaxValue : ((max + 1) * cumulative) + max;
            totalWidths[d] = Bytes(cumulative);
        }

        if (depth >= totalWidths.Length)
        {
            throw head.Error(string.Format(CultureInfo.InvariantCulture, "a v2 B-tree claims a depth of {0}; no file holds that many levels", depth));
        }

        var seen = new HashSet<long>();
        var pending = new Stack<(long Address, int Depth, int Records)>();
        pending.Push((rootAddress, depth, rootRecords));
        while (pending.Count > 0)
        {
            (long nodeAddress, int nodeDepth, int count) = pending.Pop();
            if (!seen.Add(nodeAddress))
            {
                throw file.Error(nodeAddress, "a v2 B-tree reaches the same node twice (a cycle)");
            }

            H5Bytes node = file.Read(nodeAddress, nodeSize, "a v2 B-tree node");
            if (!node.Signature(nodeDepth == 0 ? "BTLF" : "BTIN"))
            {
                throw node.Error(nodeDepth == 0 ? "expected a v2 B-tree leaf (signature BTLF)" : "expected a v2 B-tree internal node (signature BTIN)");
            }

            node.Skip(2);
            for (int k = 0; k < count; k++)
            {
                records.Add(node.Slice(recordSize, "a v2 B-tree record"));
            }

            if (nodeDepth > 0)
            {
                var children = new List<(long, int, int)>();
                for (int k = 0; k <= count; k++)
                {
                    long child = file.RequiredAddress(node.Offset(), node, "a v2 B-tree child");
                    int childRecords = node.Count(recordCountWidth, "a v2 B-tree child's record count");
                    if (nodeDepth > 1)
                    {
                        node.Skip(totalWidths[nodeDepth - 1]);
                    }

                    children.Add((child, nodeDepth - 1, childRecords));
                }

                for (int k = children.Count - 1; k >= 0; k--)
                {
                    pending.Push(children[k]);
                }
            }
        }

        return records;
    }

    /// <summary>The bytes HDF5 uses to store a count up to <paramref name="max"/>: floor(log2(max)) / 8 + 1.</summary>
    private static int Bytes(long max)
    {
        int log2 = 0;
        while (max > 1)
        {
            max >>= 1;
            log2++;
        }

        return (log2 / 8) + 1;
    }
}

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
