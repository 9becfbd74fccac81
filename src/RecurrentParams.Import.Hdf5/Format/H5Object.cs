using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecurrentParams.Import.Internal;

namespace RecurrentParams.Import.Hdf5.Format;

/// <summary>What an object header describes: a group (links), a dataset (dataspace, datatype, layout) or something else.</summary>
internal enum H5ObjectKind
{
    Other,
    Group,
    Dataset,
}

/// <summary>An HDF5 object read from its header: its kind, its links (a group), its attributes, and a dataset's dataspace, datatype and layout.</summary>
internal sealed class H5Object
{
    private readonly H5File file;
    private readonly List<H5Message> messages;
    private readonly int maxNameLength;
    private List<H5Attribute>? attributes;

    public H5Object(H5File file, long address, int maxNameLength)
    {
        this.file = file;
        this.maxNameLength = maxNameLength;
        Address = address;
        messages = H5ObjectHeader.Read(file, address);
        bool group = messages.Any(m => m.Type is H5Message.SymbolTable or H5Message.LinkInfo or H5Message.Link or H5Message.GroupInfo);
        bool dataset = messages.Any(m => m.Type == H5Message.Layout) && messages.Any(m => m.Type == H5Message.Dataspace) && messages.Any(m => m.Type == H5Message.Datatype);
        Kind = dataset ? H5ObjectKind.Dataset : group ? H5ObjectKind.Group : H5ObjectKind.Other;
    }

    public long Address { get; }

    public H5ObjectKind Kind { get; }

    /// <summary>Gets the dataset's dataspace.</summary>
    public H5Dataspace Dataspace => H5Dataspace.Read(Body(H5Message.Dataspace, "a dataset's dataspace"));

    /// <summary>Gets the dataset's datatype.</summary>
    public H5Datatype Datatype => H5Datatype.Read(Body(H5Message.Datatype, "a dataset's datatype"));

    /// <summary>Gets where the dataset's values are.</summary>
    public H5Layout Layout => H5Layout.Read(Body(H5Message.Layout, "a dataset's layout"));

    /// <summary>Gets the dataset's filter pipeline message, or <see langword="null"/> when its values are stored unfiltered.</summary>
    public H5Bytes? FilterPipeline => messages.FirstOrDefault(m => m.Type == H5Message.FilterPipeline) is H5Message message ? Fresh(message) : null;

    /// <summary>The group's hard links, by name (ordinal); soft and external links are not followed.</summary>
    public List<(string Name, long Address)> Links()
    {
        var links = new List<(string Name, long Address)>();
        foreach (H5Message message in messages)
        {
            switch (message.Type)
            {
                case H5Message.SymbolTable:
                    H5Bytes table = Fresh(message);
                    long btree = file.RequiredAddress(table.Offset(), table, "a symbol table's B-tree");
                    long heap = file.RequiredAddress(table.Offset(), table, "a symbol table's local heap");
                    links.AddRange(H5SymbolTable.Links(file, btree, heap, maxNameLength));
                    break;
                case H5Message.Link:
                    if (Link(Fresh(message)) is (string, long) link)
                    {
                        links.Add(link);
                    }

                    break;
                case H5Message.LinkInfo:
                    H5Bytes info = Fresh(message);
                    int version = info.U8();
                    int flags = info.U8();
                    if (version != 0)
                    {
                        throw info.Error(string.Format(CultureInfo.InvariantCulture, "a link info message has version {0}; version 0 is read", version));
                    }

                    if ((flags & 0x01) != 0)
                    {
                        info.U64();
                    }

                    long? heapAddress = file.Address(info.Offset(), info);
                    long? names = file.Address(info.Offset(), info);
                    if (heapAddress is long dense && names is long index)
                    {
                        var fractal = new H5FractalHeap(file, dense);
                        foreach (H5Bytes record in H5BTree2.Records(file, index, 5))
                        {
                            record.Skip(4); // the name's hash
                            if (Link(fractal.Object(record)) is (string, long) stored)
                            {
                                links.Add(stored);
                            }
                        }
                    }

                    break;
            }
        }

        links.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return links;
    }

    /// <summary>The attribute named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public H5Attribute? Attribute(string name) => Attributes().FirstOrDefault(a => a.Name == name);

    private List<H5Attribute> Attributes()
    {
        if (attributes is not null)
        {
            return attributes;
        }

        attributes = [];
        foreach (H5Message message in messages)
        {
            if (message.Type == H5Message.Attribute)
            {
                attributes.Add(H5Attribute.Read(Fresh(message), maxNameLength));
            }
            else if (message.Type == H5Message.AttributeInfo)
            {
                H5Bytes info = Fresh(message);
                int version = info.U8();
                int flags = info.U8();
                if (version != 0)
                {
                    throw info.Error(string.Format(CultureInfo.InvariantCulture, "an attribute info message has version {0}; version 0 is read", version));
                }

                if ((flags & 0x01) != 0)
                {
                    info.U16();
                }

                long? heapAddress = file.Address(info.Offset(), info);
                long? names = file.Address(info.Offset(), info);
                if (heapAddress is long dense && names is long index)
                {
                    var fractal = new H5FractalHeap(file, dense);
                    foreach (H5Bytes record in H5BTree2.Records(file, index, 8))
                    {
                        attributes.Add(H5Attribute.Read(fractal.Object(record.Slice(8, "a heap ID")), maxNameLength));
                    }
                }
            }
        }

        return attributes;
    }

    /// <summary>A link message: a hard link's (name, address), or <see langword="null"/> for a soft or external link.</summary>
    private (string Name, long Address)? Link(H5Bytes bytes)
    {
        int version = bytes.U8();
        if (version != 1)
        {
            throw bytes.Error(string.Format(CultureInfo.InvariantCulture, "a link message has version {0}; version 1 is read", version));
        }

        int flags = bytes.U8();
        int type = (flags & 0x08) != 0 ? bytes.U8() : 0;
        if ((flags & 0x04) != 0)
        {
            bytes.U64(); // creation order
        }

        if ((flags & 0x10) != 0)
        {
            bytes.U8(); // character set
        }

        long at = bytes.Address;
        ulong length = bytes.Unsigned(1 << (flags & 0x03));
        if (length > (ulong)bytes.Remaining)
        {
            throw bytes.Error(string.Format(CultureInfo.InvariantCulture, "a link name claims {0} bytes; its message holds {1}", length, bytes.Remaining));
        }

        string name = H5Strings.Text(bytes.Span((int)length, "a link name"));
        if (name.Length > maxNameLength)
        {
            throw file.Error(at, Limits.Message("a name of " + name.Length.ToString("N0", CultureInfo.InvariantCulture) + " characters", maxNameLength, "characters", nameof(ModelReaderOptions.MaxNameLength)));
        }
        if (type != 0)
        {
            return null;
        }

        return (name, file.RequiredAddress(bytes.Offset(), bytes, "a hard link"));
    }

    private H5Bytes Body(int type, string what)
    {
        H5Message message = messages.FirstOrDefault(m => m.Type == type) ?? throw file.Error(Address, "the object has no " + what);
        return Fresh(message);
    }

    private H5Bytes Fresh(H5Message message)
    {
        if (message.Shared)
        {
            throw file.Error(Address, string.Format(CultureInfo.InvariantCulture, "the object's message of type {0} is shared (stored in another object); shared messages are not read", message.Type));
        }

        return message.Body.From(0, "a message");
    }
}
