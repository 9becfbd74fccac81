namespace RecurrentParams.Import.Hdf5.Format;

/// <summary>The properties of an HDF5 floating-point type: where its bits are and the exponent's bias.</summary>
/// <param name="Offset">The bit offset of the first significant bit.</param>
/// <param name="Precision">The number of significant bits.</param>
/// <param name="ExponentLocation">The exponent's first bit.</param>
/// <param name="ExponentSize">The exponent's width in bits.</param>
/// <param name="MantissaLocation">The mantissa's first bit.</param>
/// <param name="MantissaSize">The mantissa's width in bits.</param>
/// <param name="ExponentBias">The exponent's bias.</param>
internal sealed record H5FloatFields(int Offset, int Precision, int ExponentLocation, int ExponentSize, int MantissaLocation, int MantissaSize, uint ExponentBias);
