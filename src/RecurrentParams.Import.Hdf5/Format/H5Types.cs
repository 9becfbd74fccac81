using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RecurrentParams.Import.Hdf5.Format;

/// <summary>An HDF5 datatype: its class, element size and, for strings, how they are stored.</summary>
internal sealed class H5Datatype
{
    private static readonly string[] ClassNames = ["FixedPoint", "FloatingPoint", "Time", "String", "BitField", "Opaque", "Compound", "Reference", "Enumerated", "VariableLength", "Array"];

    private H5Datatype(int typeClass, int bits, uint size, H5Datatype? baseType)
    {
        Class = typeClass;
        Bits = bits;
        Size = size;
        Base = baseType;
    }

    public const int FixedPoint = 0;
    public const int FloatingPoint = 1;
    public const int String = 3;
    public const int VariableLength = 9;

    /// <summary>Gets the class: 0 fixed-point, 1 floating-point, 3 string, 9 variable-length, ...</summary>
    public int Class { get; }

    /// <summary>Gets the class bit fields (24 bits): padding and character set for strings, the kind for variable-length types.</summary>
    public int Bits { get; }

    /// <summary>Gets the size of one element, in bytes.</summary>
    public uint Size { get; }

    /// <summary>Gets the base type of a variable-length type.</summary>
    public H5Datatype? Base { get; }

    /// <summary>Gets a value indicating whether the type is a variable-length string (not a sequence).</summary>
    public bool IsVariableLengthString => Class == VariableLength && (Bits & 0x0F) == 1;

    public string ClassName => Class < ClassNames.Length ? ClassNames[Class] : "Class" + Class.ToString(CultureInfo.InvariantCulture);

    /// <summary>Decodes a datatype message (or a variable-length type's base type, nested at most a few levels).</summary>
    public static H5Datatype Read(H5Bytes bytes, int depth = 0)
    {
        int classAndVersion = bytes.U8();
        int bits = bytes.U8() | (bytes.U8() << 8) | (bytes.U8() << 16);
        uint size = bytes.U32();
        int typeClass = classAndVersion & 0x0F;
        int version = classAndVersion >> 4;
        if (version is < 1 or > 5 || typeClass > 10)
        {
            throw bytes.Error(string.Format(CultureInfo.InvariantCulture, "a datatype has class {0} and version {1}; classes 0 to 10 and versions 1 to 5 exist", typeClass, version));
        }

        H5Datatype? baseType = null;
        if (typeClass == VariableLength)
        {
            if (depth >= 4)
            {
                throw bytes.Error("variable-length datatypes nest deeper than 4 levels");
            }

            baseType = Read(bytes, depth + 1);
        }

        return new H5Datatype(typeClass, bits, size, baseType);
    }
}

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

/// <summary>Where a dataset's values are: compact (in the header), contiguous (address and size) or chunked (an index and the chunk's dimensions).</summary>
/// <param name="Class">0 compact, 1 contiguous, 2 chunked, 3 virtual.</param>
/// <param name="Address">The data (contiguous) or the chunk index (chunked); <see langword="null"/> when not allocated or compact.</param>
/// <param name="Size">The bytes of contiguous or compact data.</param>
/// <param name="Chunk">The chunk's dimensions (chunked), the last being the element size in layout version 3.</param>
/// <param name="Version">The layout message's version, which says how a chunk index is encoded.</param>
internal sealed record H5Layout(int Class, long? Address, ulong Size, IReadOnlyList<ulong> Chunk, int Version)
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
                bytes.Skip(size);
                return new H5Layout(0, null, (ulong)size, [], version);
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
