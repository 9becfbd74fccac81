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
