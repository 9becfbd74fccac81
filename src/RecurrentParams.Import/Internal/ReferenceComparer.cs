using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace RecurrentParams.Import.Internal;

/// <summary>Compares by reference (the BCL's ReferenceEqualityComparer is not in .NET Standard 2.0).</summary>
internal sealed class ReferenceComparer<T> : IEqualityComparer<T>
    where T : class
{
    public static ReferenceComparer<T> Instance { get; } = new();

    public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

    public int GetHashCode(T obj) => RuntimeHelpers.GetHashCode(obj);
}
