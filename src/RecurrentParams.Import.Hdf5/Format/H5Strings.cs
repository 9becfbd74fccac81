using System;
using System.Text;

namespace RecurrentParams.Import.Hdf5.Format;

/// <summary>Decodes HDF5 text: UTF-8 (ASCII is a subset); invalid bytes become U+FFFD, so decoding never fails.</summary>
internal static class H5Strings
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static string Text(ReadOnlySpan<byte> bytes) => Utf8.GetString(bytes);
}
