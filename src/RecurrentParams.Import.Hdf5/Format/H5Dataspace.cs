using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RecurrentParams.Import.Hdf5.Format;

/// <summary>An HDF5 dataspace: scalar (rank 0), simple (dimensions) or null (no elements).</summary>
internal sealed class H5Dataspace
{
    private H5Dataspace(ulong[] dimensions, bool empty)
    {
        Dimensions = dimensions;
        IsNull = empty;
    }

    public IReadOnlyList<ulong> Dimensions { get; }

    public bool IsNull { get; }

    /// <summary>Gets the number of elements, saturated at <see cref="ulong.MaxValue"/> (a zero dimension makes it 0 whatever the order).</summary>
    public ulong Elements
    {
        get
        {
            if (IsNull || Dimensions.Contains(0UL))
            {
                return 0;
            }

            ulong product = 1;
            foreach (ulong d in Dimensions)
            {
                product = product > ulong.MaxValue / d ? ulong.MaxValue : product * d;
            }

            return product;
        }
    }

    public static H5Dataspace Read(H5Bytes bytes)
    {
        int version = bytes.U8();
        int rank = bytes.U8();
        int flags = bytes.U8();
        bool empty = false;
        switch (version)
        {
            case 1:
                bytes.Skip(5);
                break;
            case 2:
                int type = bytes.U8();
                if (type > 2)
                {
                    throw bytes.Error(string.Format(CultureInfo.InvariantCulture, "a dataspace has type {0}; 0 (scalar), 1 (simple) and 2 (null) exist", type));
                }

                empty = type == 2;
                break;
            default:
                throw bytes.Error(string.Format(CultureInfo.InvariantCulture, "a dataspace has version {0}; versions 1 and 2 are read", version));
        }

        if (rank > 32)
        {
            throw bytes.Error(string.Format(CultureInfo.InvariantCulture, "a dataspace has {0} dimensions; HDF5 allows at most 32", rank));
        }

        var dimensions = new ulong[rank];
        for (int k = 0; k < rank; k++)
        {
            dimensions[k] = bytes.Length();
        }

        // Maximum dimensions (flags bit 0) follow; they are not needed.
        _ = flags;
        return new H5Dataspace(dimensions, empty);
    }
}
