using System;
using System.Collections.Generic;
using System.Globalization;

namespace RecurrentParams.Import.Hdf5.Format;

/// <summary>Where a dataset's values are: compact (in the header), contiguous (address and size) or chunked (an index and the chunk's dimensions).</summary>
/// <param name="Class">0 compact, 1 contiguous, 2 chunked, 3 virtual.</param>
/// <param name="Address">The data (contiguous) or the chunk index (chunked); <see langword="null"/> when not allocated or compact.</param>
/// <param name="Size">The bytes of contiguous or compact data.</param>
/// <param name="Chunk">The chunk's dimensions (chunked), the last being the element size in layout version 3.</param>
/// <param name="Version">The layout message's version, which says how a chunk index is encoded.</param>
/// <param name="Data">The values of a compact dataset, as the message holds them.</param>
internal sealed record H5Layout(int Class, long? Address, ulong Size, IReadOnlyList<ulong> Chunk, int Version, H5Bytes? Data = null)
{
    /// <summary>Decodes a data layout message, versions 3 and 4 (what HDF5 1.8 and later write); older versions give the class only.</summary>
    public static H5Layout Read(H5Bytes bytes)
    {
        H5File file = bytes.File;
        int version = bytes.U8();
        if (version is 1 or 2)
        {
            bytes.U8();
            return new H5Layout(bytes.U8(), null, 0, [], version);
        }

        if (version is not (3 or 4))
        {
            throw bytes.Error(string.Format(CultureInfo.InvariantCulture, "a data layout message has version {0}; versions 1 to 4 exist", version));
        }

        int layoutClass = bytes.U8();
        switch (layoutClass)
        {
            case 0:
                int size = bytes.U16();
                return new H5Layout(0, null, (ulong)size, [], version, bytes.Slice(size, "a compact dataset's values"));
            case 1:
                long? address = file.Address(bytes.Offset(), bytes);
                return new H5Layout(1, address, bytes.Length(), [], version);
            case 2 when version == 3:
                int rank = bytes.U8();
                long? index = file.Address(bytes.Offset(), bytes);
                var chunk = new ulong[Math.Min(rank, 33)];
                for (int k = 0; k < chunk.Length; k++)
                {
                    chunk[k] = bytes.U32();
                }

                return new H5Layout(2, index, 0, chunk, version);
            default:
                return new H5Layout(layoutClass, null, 0, [], version);
        }
    }
}
