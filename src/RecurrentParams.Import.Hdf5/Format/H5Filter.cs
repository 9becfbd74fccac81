using System.Collections.Generic;
using System.Globalization;

namespace RecurrentParams.Import.Hdf5.Format;

/// <summary>One filter of a dataset's filter pipeline: its identifier (1 deflate, 2 shuffle, 3 Fletcher-32, ...), flags and client data.</summary>
/// <param name="Id">The filter's identifier.</param>
/// <param name="Flags">The filter's flags (bit 0: optional).</param>
/// <param name="ClientData">The filter's parameters, e.g. the element size of the shuffle filter.</param>
internal sealed record H5Filter(int Id, int Flags, IReadOnlyList<uint> ClientData)
{
    public const int Deflate = 1;
    public const int Shuffle = 2;
    public const int Fletcher32 = 3;

    /// <summary>HDF5 allows at most 32 filters in a pipeline.</summary>
    private const int MaxFilters = 32;

    /// <summary>Gets the filter's name for messages: <c>deflate</c>, <c>shuffle</c>, <c>fletcher32</c>, or its identifier.</summary>
    public string Name => Id switch
    {
        Deflate => "deflate",
        Shuffle => "shuffle",
        Fletcher32 => "fletcher32",
        _ => "filter " + Id.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Decodes a filter pipeline message, versions 1 and 2, in the order the filters were applied when writing.</summary>
    public static List<H5Filter> Pipeline(H5Bytes bytes)
    {
        int version = bytes.U8();
        int count = bytes.U8();
        if (version is not (1 or 2))
        {
            throw bytes.Error(string.Format(CultureInfo.InvariantCulture, "a filter pipeline message has version {0}; versions 1 and 2 exist", version));
        }

        if (count > MaxFilters)
        {
            throw bytes.Error(string.Format(CultureInfo.InvariantCulture, "a filter pipeline claims {0} filters; HDF5 allows at most {1}", count, MaxFilters));
        }

        if (version == 1)
        {
            bytes.Skip(6);
        }

        var filters = new List<H5Filter>(count);
        for (int k = 0; k < count; k++)
        {
            int id = bytes.U16();
            int nameLength = version == 1 || id >= 256 ? bytes.U16() : 0;
            int flags = bytes.U16();
            int values = bytes.U16();
            bytes.Skip(nameLength); // version 1 pads the name to a multiple of eight in its length
            bytes.Need(4 * values, "a filter's client data");
            var data = new uint[values];
            for (int v = 0; v < values; v++)
            {
                data[v] = bytes.U32();
            }

            if (version == 1 && values % 2 == 1)
            {
                bytes.Skip(System.Math.Min(4, bytes.Remaining));
            }

            filters.Add(new H5Filter(id, flags, data));
        }

        return filters;
    }
}
