using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace RecurrentParams.Internal;

/// <summary>Compares objects by identity, as Python's <c>id()</c> does (netstandard2.0 has no <c>ReferenceEqualityComparer</c>).</summary>
internal sealed class ReferenceComparer : IEqualityComparer<object>
{
    public static ReferenceComparer Instance { get; } = new();

    public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

    public int GetHashCode(object obj) => RuntimeHelpers.GetHashCode(obj);
}
