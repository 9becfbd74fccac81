using System;
using System.Collections.Generic;
using System.Globalization;

namespace RecurrentParams.Import.Hdf5.Format;

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
