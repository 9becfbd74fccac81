using System.Globalization;

namespace RecurrentParams.Import.Hdf5.Format;

/// <summary>A local heap (<c>HEAP</c>): the data segment where a symbol-table group keeps its link names.</summary>
internal sealed class H5LocalHeap
{
    private readonly H5Bytes segment;

    public H5LocalHeap(H5File file, long address)
    {
        H5Bytes header = file.Read(address, 8 + (2 * file.LengthSize) + file.OffsetSize, "a local heap's header");
        if (!header.Signature("HEAP"))
        {
            throw header.Error("expected a local heap (signature HEAP)");
        }

        int version = header.U8();
        if (version != 0)
        {
            throw header.Error(string.Format(CultureInfo.InvariantCulture, "a local heap has version {0}; version 0 is read", version));
        }

        header.Skip(3);
        ulong size = header.Length();
        header.Length(); // the free list
        long data = file.RequiredAddress(header.Offset(), header, "a local heap's data segment");
        segment = file.Read(data, size, "a local heap's data segment");
    }

    /// <summary>The null-terminated name at an offset into the data segment.</summary>
    public string Name(ulong offset, int maxLength) =>
        segment.From(offset > int.MaxValue ? -1 : (long)offset, "a link name").Name(maxLength, "a link name");
}
