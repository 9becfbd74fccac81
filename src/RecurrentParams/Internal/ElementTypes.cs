using System;

namespace RecurrentParams.Internal;

/// <summary>Sizes of the element types.</summary>
internal static class ElementTypes
{
    /// <summary>Gets the size in bytes of one element.</summary>
    /// <param name="elementType">The element type.</param>
    /// <returns>8, 4, 2 or 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="elementType"/> is not a defined value.</exception>
    public static int Size(ElementType elementType) => elementType switch
    {
        ElementType.Float32 => 4,
        ElementType.Float16 or ElementType.BFloat16 => 2,
        ElementType.Int8 => 1,
        ElementType.Float64 or ElementType.Int64 => 8,
        ElementType.Int32 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(elementType), elementType, "'elementType' must be a defined ElementType."),
    };

    /// <summary>Whether the type is a floating-point one, which PyTorch's <c>Module.to(dtype)</c> converts.</summary>
    /// <param name="elementType">The element type.</param>
    /// <returns><see langword="true"/> for float32, float64, float16 and bfloat16.</returns>
    public static bool IsFloating(ElementType elementType) =>
        elementType is ElementType.Float32 or ElementType.Float64 or ElementType.Float16 or ElementType.BFloat16;
}
