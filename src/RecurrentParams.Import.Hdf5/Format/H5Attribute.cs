using System;
using System.Collections.Generic;
using System.Globalization;

namespace RecurrentParams.Import.Hdf5.Format;

/// <summary>An attribute: its name, datatype, dataspace and the bytes of its value.</summary>
internal sealed class H5Attribute
{
    private readonly H5Bytes data;

    private H5Attribute(string name, H5Datatype type, H5Dataspace space, H5Bytes data)
    {
        Name = name;
        Type = type;
        Space = space;
        this.data = data;
    }

    public string Name { get; }

    public H5Datatype Type { get; }

    public H5Dataspace Space { get; }

    /// <summary>Decodes an attribute message, versions 1 to 3; the value's bytes must be inside the message.</summary>
    public static H5Attribute Read(H5Bytes bytes, int maxNameLength)
    {
        int version = bytes.U8();
        if (version is < 1 or > 3)
        {
            throw bytes.Error(string.Format(CultureInfo.InvariantCulture, "an attribute message has version {0}; versions 1 to 3 exist", version));
        }

        int flags = bytes.U8();
        if (version >= 2 && (flags & 0x03) != 0)
        {
            throw bytes.Error("an attribute's datatype or dataspace is shared (stored in another object); shared attribute parts are not read");
        }

        int nameSize = bytes.U16();
        int typeSize = bytes.U16();
        int spaceSize = bytes.U16();
        if (version == 3)
        {
            bytes.U8(); // character set of the name
        }

        int Padded(int size) => version == 1 ? (size + 7) & ~7 : size;
        H5Bytes nameBytes = bytes.Slice(Padded(nameSize), "an attribute's name");
        string name = nameBytes.Name(maxNameLength, "an attribute's name");
        H5Datatype type = H5Datatype.Read(bytes.Slice(Padded(typeSize), "an attribute's datatype"));
        H5Dataspace space = H5Dataspace.Read(bytes.Slice(Padded(spaceSize), "an attribute's dataspace"));
        ulong elements = space.Elements;
        if (type.Size == 0 && elements > 0)
        {
            throw bytes.Error(string.Format(CultureInfo.InvariantCulture, "the attribute '{0}' has {1} elements of 0 bytes", name, elements));
        }

        ulong needed = type.Size == 0 || elements <= ulong.MaxValue / type.Size ? elements * type.Size : ulong.MaxValue;
        if (needed > (ulong)bytes.Remaining)
        {
            throw bytes.Error(string.Format(CultureInfo.InvariantCulture, "the attribute '{0}' has {1} elements of {2} bytes, but its message holds {3} bytes of data", name, elements, type.Size, bytes.Remaining));
        }

        return new H5Attribute(name, type, space, bytes.Slice((int)needed, "an attribute's value"));
    }

    /// <summary>
    /// The value as strings: fixed-length (null- or space-padded) or variable-length (in global heap collections), one per
    /// element; at most <paramref name="maxBytes"/> bytes in all (and charged to the file's read budget, so that many
    /// elements pointing at one large heap object cost no more than the file holds). Any other type is refused.
    /// </summary>
    public IReadOnlyList<string> Strings(long maxBytes, string where, string property)
    {
        H5Bytes cursor = data.From(0, "an attribute's value");
        H5File file = cursor.File;
        ulong count = Space.Elements;
        var values = new List<string>();
        long total = 0;
        void Charge(long bytes, H5Bytes at)
        {
            total += bytes;
            if (total > maxBytes)
            {
                throw at.Error(string.Format(CultureInfo.InvariantCulture, "{0} holds more than {1:N0} bytes of text: more than ModelReaderOptions.{2} allows (raise it for a file you trust)", where, maxBytes, property));
            }

            file.Charge(bytes, at.Address, "a string");
        }

        if (Type.Class == H5Datatype.String)
        {
            for (ulong k = 0; k < count; k++)
            {
                Charge(Type.Size, cursor);
                ReadOnlySpan<byte> text = cursor.Span((int)Type.Size, "a string");
                int padding = Type.Bits & 0x0F;
                int end = text.Length;
                int zero = text.IndexOf((byte)0);
                if (zero >= 0)
                {
                    end = zero;
                }
                else if (padding == 2)
                {
                    end = text.TrimEnd((byte)' ').Length;
                }

                values.Add(H5Strings.Text(text[..end]));
            }

            return values;
        }

        if (Type.IsVariableLengthString)
        {
            for (ulong k = 0; k < count; k++)
            {
                H5Bytes element = cursor.Slice((int)Type.Size, "a variable-length string");
                uint length = element.U32();
                long? collection = file.Address(element.Offset(), element);
                uint index = element.U32();
                if (collection is not long address)
                {
                    values.Add(string.Empty);
                    continue;
                }

                H5Bytes text = file.GlobalHeap(address).Object(index, element);
                int size = (int)Math.Min(length, (uint)text.Remaining);
                Charge(size, element);
                values.Add(H5Strings.Text(text.Span(size, "a string")));
            }

            return values;
        }

        throw cursor.Error(where + " is not text: expected a string but found HDF5 type class " + Type.ClassName);
    }
}
