using System;
using System.Collections.Generic;
using System.Globalization;

namespace RecurrentParams.Import.Hdf5.Format;

/// <summary>A global heap collection (<c>GCOL</c>): variable-length data such as strings, by object index.</summary>
internal sealed class H5GlobalHeap
{
    private readonly Dictionary<uint, H5Bytes> objects = [];

    public H5GlobalHeap(H5File file, long address)
    {
        H5Bytes head = file.Read(address, 8 + file.LengthSize, "a global heap collection's header");
        if (!head.Signature("GCOL"))
        {
            throw head.Error("expected a global heap collection (signature GCOL)");
        }

        int version = head.U8();
        if (version != 1)
        {
            throw head.Error(string.Format(CultureInfo.InvariantCulture, "a global heap collection has version {0}; version 1 is read", version));
        }

        head.Skip(3);
        ulong size = head.Length();
        long headerSize = 8 + file.LengthSize;
        if (size < (ulong)headerSize || size > (ulong)(file.Length - address))
        {
            throw head.Error(string.Format(CultureInfo.InvariantCulture, "the global heap collection claims {0} bytes, but the file holds {1} bytes from its start", size, file.Length - address));
        }

        H5Bytes collection = file.Read(address, size, "a global heap collection");
        collection.Skip((int)headerSize);

        // Objects follow one another: index, reference count, reserved, size, data padded to 8 bytes; index 0 is free space.
        while (collection.Remaining >= 8 + file.LengthSize)
        {
            long objectAt = collection.Address;
            ushort index = collection.U16();
            collection.Skip(6);
            ulong length = collection.Length();
            if (index == 0)
            {
                break;
            }

            if (length > (ulong)collection.Remaining)
            {
                throw file.Error(objectAt, string.Format(CultureInfo.InvariantCulture, "global heap object {0} claims {1} bytes, but its collection holds {2} after it", index, length, collection.Remaining));
            }

            objects.TryAdd(index, collection.Slice((int)length, "a global heap object"));
            collection.Skip((int)Math.Min((ulong)collection.Remaining, ((length + 7) & ~7UL) - length));
        }
    }

    /// <summary>The bytes of object <paramref name="index"/>, as a fresh cursor.</summary>
    public H5Bytes Object(uint index, H5Bytes at) =>
        objects.TryGetValue(index, out H5Bytes? data)
            ? data.From(0, "a global heap object")
            : throw at.Error(string.Format(CultureInfo.InvariantCulture, "a variable-length value refers to global heap object {0}, which its collection does not hold", index));
}
