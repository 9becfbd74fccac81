using System.Globalization;

namespace RecurrentParams.Import.Hdf5.Format;

/// <summary>An HDF5 datatype: its class, element size and, for strings, how they are stored.</summary>
internal sealed class H5Datatype
{
    private static readonly string[] ClassNames = ["FixedPoint", "FloatingPoint", "Time", "String", "BitField", "Opaque", "Compound", "Reference", "Enumerated", "VariableLength", "Array"];

    private H5Datatype(int typeClass, int bits, uint size, H5Datatype? baseType, H5FloatFields? fields)
    {
        Class = typeClass;
        Bits = bits;
        Size = size;
        Base = baseType;
        Fields = fields;
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

    /// <summary>Gets the bit fields of a floating-point type (sign, exponent, mantissa), or <see langword="null"/> for another class or a message too short to hold them.</summary>
    public H5FloatFields? Fields { get; }

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

        H5FloatFields? fields = null;
        if (typeClass == FloatingPoint && bytes.Remaining >= 12)
        {
            fields = new H5FloatFields(bytes.U16(), bytes.U16(), bytes.U8(), bytes.U8(), bytes.U8(), bytes.U8(), bytes.U32());
        }

        return new H5Datatype(typeClass, bits, size, baseType, fields);
    }
}
