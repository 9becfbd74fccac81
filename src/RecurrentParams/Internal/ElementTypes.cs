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
}
