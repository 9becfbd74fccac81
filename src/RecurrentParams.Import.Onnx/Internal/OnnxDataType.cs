using System.Globalization;

namespace RecurrentParams.Import.Onnx.Internal;

/// <summary>
/// ONNX <c>TensorProto.DataType</c> values: their schema names, bit widths, and which of them hold parameters.
/// </summary>
/// <remarks>
/// Parameters are the floating-point tensors (FLOAT, FLOAT16, BFLOAT16, DOUBLE, the FLOAT8 and FLOAT4 formats, and
/// COMPLEX64/128) and the 8-, 4- and 2-bit integer tensors, which ONNX models use only as quantized weights and their
/// zero points: ONNX requires INT64 for shapes, axes, starts, ends and steps, and INT32 or INT64 for indices, so a
/// narrow integer tensor is never one of those. A quantized model's weights therefore count as stored, element for
/// element, beside their float scales. Wider integers, booleans and strings are constants; a wider integer tensor counts
/// only where it is the data of a <c>DequantizeLinear</c> (an INT32 quantized bias).
/// </remarks>
internal static class OnnxDataType
{
    public const int Float = 1;
    public const int Int32 = 6;
    public const int Int64 = 7;
    public const int String = 8;

    /// <summary>TensorProto.DataType names by value, as the ONNX schema spells them.</summary>
    private static readonly string[] Names =
    [
        "UNDEFINED", "FLOAT", "UINT8", "INT8", "UINT16", "INT16", "INT32", "INT64", "STRING", "BOOL", "FLOAT16", "DOUBLE", "UINT32",
        "UINT64", "COMPLEX64", "COMPLEX128", "BFLOAT16", "FLOAT8E4M3FN", "FLOAT8E4M3FNUZ", "FLOAT8E5M2", "FLOAT8E5M2FNUZ", "UINT4",
        "INT4", "FLOAT4E2M1", "FLOAT8E8M0", "UINT2", "INT2",
    ];

    /// <summary>Bits per element by value; 0 for UNDEFINED and STRING, whose size is not fixed.</summary>
    private static readonly int[] BitWidths = [0, 32, 8, 8, 16, 16, 32, 64, 0, 8, 16, 64, 32, 64, 64, 128, 16, 8, 8, 8, 8, 4, 4, 4, 8, 2, 2];

    public static string Name(int dataType) =>
        dataType >= 0 && dataType < Names.Length ? Names[dataType] : "TYPE_" + dataType.ToString(CultureInfo.InvariantCulture);

    /// <summary>Bits per element, or 0 when the type has no fixed width or is unknown.</summary>
    public static int Bits(int dataType) => dataType >= 0 && dataType < BitWidths.Length ? BitWidths[dataType] : 0;

    public static bool IsFloatingPoint(int dataType) => dataType is 1 or 10 or 11 or 14 or 15 or 16 or (>= 17 and <= 20) or 23 or 24;

    /// <summary>The narrow integer types of quantized weights: UINT8, INT8, UINT4, INT4, UINT2, INT2.</summary>
    public static bool IsQuantizedStorage(int dataType) => dataType is 2 or 3 or 21 or 22 or 25 or 26;

    /// <summary>Whether a tensor of this type is a parameter wherever it is used.</summary>
    public static bool IsParameter(int dataType) => IsFloatingPoint(dataType) || IsQuantizedStorage(dataType);

    /// <summary>The integer types whose values can be shapes, axes or indices.</summary>
    public static bool IsIndexInteger(int dataType) => dataType is Int32 or Int64;

    public static ElementType ElementTypeOf(int dataType) => dataType switch
    {
        10 => ElementType.Float16,
        16 => ElementType.BFloat16,
        11 => ElementType.Float64,
        6 => ElementType.Int32,
        7 => ElementType.Int64,
        2 or 3 => ElementType.Int8,
        _ => ElementType.Float32,
    };
}
