using System.Collections.Generic;
using System.Globalization;

namespace RecurrentParams.Import.Hdf5.Format;

/// <summary>One message of an object header: its type, flags and body.</summary>
internal sealed record H5Message(int Type, int Flags, H5Bytes Body)
{
    public const int Dataspace = 0x0001;
    public const int LinkInfo = 0x0002;
    public const int Datatype = 0x0003;
    public const int GroupInfo = 0x000A;
    public const int Link = 0x0006;
    public const int Layout = 0x0008;
    public const int FilterPipeline = 0x000B;
    public const int Attribute = 0x000C;
    public const int Continuation = 0x0010;
    public const int SymbolTable = 0x0011;
    public const int AttributeInfo = 0x0015;

    /// <summary>Gets a value indicating whether the message is stored elsewhere (a shared message), which this reader does not follow.</summary>
    public bool Shared => (Flags & 0x02) != 0;
}

/// <summary>
/// Reads an object header, version 1 (no signature, 8-byte aligned messages) or 2 (<c>OHDR</c>), with its continuation
/// blocks (<c>OCHK</c> in version 2): the list of messages, each a view of the bytes read.
/// </summary>
internal static class H5ObjectHeader
{
    public static List<H5Message> Read(H5File file, long address)
    {
        var messages = new List<H5Message>();
        var continuations = new Queue<(long Address, ulong Length)>();
        var seen = new HashSet<long> { address };
        H5Bytes probe = file.Read(address, 4, "an object header");
        bool version2 = probe.Signature("OHDR");
        bool creationOrder = false;
        if (version2)
        {
            H5Bytes prefix = file.Read(address + 4, 2, "an object header");
            int version = prefix.U8();
            if (version != 2)
            {
                throw prefix.Error(string.Format(CultureInfo.InvariantCulture, "an object header (OHDR) has version {0}; version 2 is read", version));
            }

            int flags = prefix.U8();
            creationOrder = (flags & 0x04) != 0;
            int skip = ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
            int width = 1 << (flags & 0x03);
            H5Bytes sizeField = file.Read(address + 6 + skip, width, "an object header's chunk size");
            ulong size = sizeField.Unsigned(width);
            long start = address + 6 + skip + width;
            Messages(file.Read(start, size, "an object header's messages"), true, creationOrder, messages, continuations);
        }
        else
        {
            H5Bytes prefix = file.Read(address, 16, "an object header");
            int version = prefix.U8();
            if (version != 1)
            {
                throw prefix.Error(string.Format(CultureInfo.InvariantCulture, "expected an object header (version 1, or the signature OHDR) but found version {0}", version));
            }

            prefix.Skip(7);
            ulong size = prefix.U32();
            Messages(file.Read(address + 16, size, "an object header's messages"), false, false, messages, continuations);
        }

        while (continuations.Count > 0)
        {
            (long block, ulong length) = continuations.Dequeue();
            if (!seen.Add(block))
            {
                throw file.Error(block, "an object header continues at a block it has already read (a cycle)");
            }

            H5Bytes bytes = file.Read(block, length, "an object header's continuation block");
            if (version2)
            {
                if (!bytes.Signature("OCHK"))
                {
                    throw bytes.Error("expected an object header continuation block (signature OCHK)");
                }

                bytes = bytes.Slice(bytes.Remaining - 4 < 0 ? 0 : bytes.Remaining - 4, "a continuation block's messages");
            }

            Messages(bytes, version2, creationOrder, messages, continuations);
        }

        return messages;
    }

    private static void Messages(H5Bytes block, bool version2, bool creationOrder, List<H5Message> messages, Queue<(long, ulong)> continuations)
    {
        int headerSize = version2 ? (creationOrder ? 6 : 4) : 8;
        while (block.Remaining >= headerSize)
        {
            int type = version2 ? block.U8() : block.U16();
            int size = block.U16();
            int flags = block.U8();
            block.Skip(version2 ? (creationOrder ? 2 : 0) : 3);
            H5Bytes body = block.Slice(size, "an object header message");
            if (type == H5Message.Continuation)
            {
                H5File file = block.File;
                long address = file.RequiredAddress(body.Offset(), body, "an object header continuation");
                ulong length = body.Length();
                continuations.Enqueue((address, length));
            }
            else if (type != 0)
            {
                messages.Add(new H5Message(type, flags, body));
            }
        }
    }
}
