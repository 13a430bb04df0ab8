using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Maatwerk.OpenData.Query;

/// <summary>
/// Values computed once per key and remembered, at most <see cref="Capacity"/> of them. When it is full,
/// the memo forgets everything and starts again, rather than refusing new keys: a burst of keys seen once
/// (a scanner, a crawler) costs the keys in use one computation each, and never turns the memo off for the
/// life of the process. Safe for concurrent use; two threads that miss the same key at once may both
/// compute it, and one value is kept.
/// </summary>
/// <typeparam name="TKey">The key, compared with <c>comparer</c> (the default equality when none is given).</typeparam>
/// <typeparam name="TValue">The remembered value.</typeparam>
public sealed class BoundedMemo<TKey, TValue>
    where TKey : notnull
{
    private readonly IEqualityComparer<TKey>? comparer;
    private ConcurrentDictionary<TKey, TValue> values;

    /// <param name="capacity">The most values remembered at once; at least 1.</param>
    /// <param name="comparer">How keys are compared; null for the default equality.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is less than 1.</exception>
    public BoundedMemo(int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        this.comparer = comparer;
        values = new ConcurrentDictionary<TKey, TValue>(comparer);
    }

    /// <summary>The most values remembered at once.</summary>
    public int Capacity { get; }

    /// <summary>
    /// How many values are remembered now: at most <see cref="Capacity"/>, plus one for each other thread
    /// that remembers a value at the same moment.
    /// </summary>
    public int Count => values.Count;

    /// <summary>The value remembered for <paramref name="key"/>, if any.</summary>
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => values.TryGetValue(key, out value);

    /// <summary>
    /// Remembers <paramref name="value"/> for <paramref name="key"/> (a value already remembered for it
    /// stays). When <see cref="Capacity"/> values are remembered, all of them are forgotten first.
    /// </summary>
    public void Remember(TKey key, TValue value)
    {
        var current = values;
        if (current.Count >= Capacity)
        {
            // A new dictionary rather than Clear: readers of the old one are not held up by its locks.
            current = values = new ConcurrentDictionary<TKey, TValue>(comparer);
        }

        current.TryAdd(key, value);
    }
}
