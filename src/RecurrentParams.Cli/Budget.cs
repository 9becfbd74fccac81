using System;
using System.Collections.Generic;

namespace RecurrentParams.Cli;

/// <summary>The budget gate of <c>--max-params</c> and <c>--max-bytes</c>, and the element type bytes are counted in (<c>--dtype</c>).</summary>
/// <param name="MaxParams">The most parameters allowed, or <see langword="null"/> for no limit.</param>
/// <param name="MaxBytes">The most parameter bytes allowed at <paramref name="ElementType"/>, or <see langword="null"/> for no limit.</param>
/// <param name="ElementType">The element type bytes are counted in.</param>
internal sealed record Budget(long? MaxParams, long? MaxBytes, ElementType ElementType)
{
    /// <summary>The <c>--dtype</c> names and their element types, in the order help lists them.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, ElementType>> ElementTypes =
    [
        new("float32", ElementType.Float32),
        new("float16", ElementType.Float16),
        new("bfloat16", ElementType.BFloat16),
        new("int8", ElementType.Int8),
        new("float64", ElementType.Float64),
    ];

    /// <summary>Gets the <c>--dtype</c> name of <see cref="ElementType"/>.</summary>
    public string ElementTypeName => NameOf(ElementType);

    /// <summary>Gets the size in bytes of one element of <paramref name="elementType"/>.</summary>
    /// <param name="elementType">One of <see cref="ElementTypes"/>.</param>
    /// <returns>4, 2, 2, 1 or 8.</returns>
    public static int Size(ElementType elementType) => elementType switch
    {
        ElementType.Float16 or ElementType.BFloat16 => 2,
        ElementType.Int8 => 1,
        ElementType.Float64 => 8,
        _ => 4,
    };

    /// <summary>Gets the <c>--dtype</c> name of an element type.</summary>
    /// <param name="elementType">One of <see cref="ElementTypes"/>.</param>
    /// <returns>The name, e.g. <c>float32</c>.</returns>
    public static string NameOf(ElementType elementType)
    {
        foreach (KeyValuePair<string, ElementType> pair in ElementTypes)
        {
            if (pair.Value == elementType)
            {
                return pair.Key;
            }
        }

        return "float32";
    }

    /// <summary>Gets the bytes <paramref name="parameters"/> take at <see cref="ElementType"/>.</summary>
    /// <param name="parameters">A parameter count.</param>
    /// <returns>The bytes, or <see langword="null"/> when they do not fit in 64 bits.</returns>
    public long? Bytes(long parameters)
    {
        try
        {
            return checked(parameters * Size(ElementType));
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>Checks a count against the budget.</summary>
    /// <param name="parameters">The count.</param>
    /// <returns>The reasons it is over budget, each a phrase such as <c>4,099 parameters, over --max-params 1,000</c>; empty when within.</returns>
    public IReadOnlyList<string> Check(long parameters)
    {
        var reasons = new List<string>(2);
        if (MaxParams is long maxParams && parameters > maxParams)
        {
            reasons.Add(Numbers.Grouped(parameters) + " parameters, over --max-params " + Numbers.Grouped(maxParams));
        }

        if (MaxBytes is long maxBytes)
        {
            long? bytes = Bytes(parameters);
            if (bytes is null || bytes > maxBytes)
            {
                reasons.Add((bytes is long b ? Numbers.Grouped(b) : "more than 9.2e18") + " bytes as " + ElementTypeName + ", over --max-bytes " + Numbers.Grouped(maxBytes));
            }
        }

        return reasons;
    }
}
