using System;
using System.Collections;
using System.Collections.Generic;

namespace RecurrentParams.Internal;

/// <summary>A read-only list whose elements are computed on demand from their position.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class LazyList<T> : IReadOnlyList<T>
{
    private readonly Func<int, T> elementAt;

    public LazyList(int count, Func<int, T> elementAt)
    {
        Count = count;
        this.elementAt = elementAt;
    }

    public int Count { get; }

    public T this[int index] => index >= 0 && index < Count
        ? elementAt(index)
        : throw new ArgumentOutOfRangeException(nameof(index), index, "Must be at least 0 and less than Count.");

    public IEnumerator<T> GetEnumerator()
    {
        for (int k = 0; k < Count; k++)
        {
            yield return elementAt(k);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
