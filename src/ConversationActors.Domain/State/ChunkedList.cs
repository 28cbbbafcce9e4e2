using System.Collections;

namespace ConversationActors.Domain.State;

/// <summary>
/// An immutable list in chunks of at most <see cref="ChunkSize"/> items (issue #14): about 8 bytes an item, where a
/// balanced-tree node of <c>ImmutableSortedSet</c>/<c>ImmutableDictionary</c> costs about 64. A change copies one chunk
/// and the chunk directory (O(ChunkSize + n / ChunkSize)); every other chunk is shared with the previous version, so
/// versions never see each other's changes. Index access and <see cref="Search{TKey}"/> are O(log n). The caller keeps
/// it sorted: <see cref="Search{TKey}"/> answers like <see cref="Array.BinarySearch(Array, object)"/>.
/// </summary>
/// <typeparam name="T">The item type (entries, shared by reference between versions).</typeparam>
public sealed class ChunkedList<T> : IReadOnlyList<T>
    where T : class
{
    /// <summary>Most items a chunk holds; a chunk that grows beyond it is split in two.</summary>
    public const int ChunkSize = 64;

    private readonly T[][] _chunks;

    /// <summary>_ends[i]: the number of items in chunks 0..i.</summary>
    private readonly int[] _ends;

    private ChunkedList(T[][] chunks, int[] ends)
    {
        _chunks = chunks;
        _ends = ends;
    }

    public static ChunkedList<T> Empty { get; } = new([], []);

    public int Count => _ends.Length == 0 ? 0 : _ends[^1];

    public T this[int index]
    {
        get
        {
            var (chunk, offset) = Locate(index);
            return _chunks[chunk][offset];
        }
    }

    /// <summary>Builds a list from items already in order.</summary>
    public static ChunkedList<T> From(IReadOnlyList<T> ordered)
    {
        var chunks = ordered.Chunk(ChunkSize).ToArray();
        return new ChunkedList<T>(chunks, Ends(chunks, 0, []));
    }

    /// <summary>
    /// In a list sorted by <paramref name="compare"/> (item vs key, like <see cref="IComparer{T}.Compare"/>): the index of
    /// an item equal to <paramref name="key"/>, or the bitwise complement of where it would be inserted.
    /// </summary>
    public int Search<TKey>(TKey key, Func<T, TKey, int> compare)
    {
        // The first chunk whose last item is not below the key holds it, or is where it goes.
        int lo = 0, hi = _chunks.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (compare(_chunks[mid][^1], key) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        if (lo == _chunks.Length)
        {
            return ~Count;
        }

        var chunk = _chunks[lo];
        var start = lo == 0 ? 0 : _ends[lo - 1];
        int a = 0, b = chunk.Length - 1;
        while (a <= b)
        {
            var mid = (a + b) >>> 1;
            var c = compare(chunk[mid], key);
            if (c == 0)
            {
                return start + mid;
            }

            if (c < 0)
            {
                a = mid + 1;
            }
            else
            {
                b = mid - 1;
            }
        }

        return ~(start + a);
    }

    /// <summary>The list with <paramref name="item"/> at <paramref name="index"/> (0..Count).</summary>
    public ChunkedList<T> Insert(int index, T item)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)index, (uint)Count, nameof(index));
        if (_chunks.Length == 0)
        {
            return new ChunkedList<T>([[item]], [1]);
        }

        var (c, offset) = index == Count ? (_chunks.Length - 1, _chunks[^1].Length) : Locate(index);
        T[] grown = [.. _chunks[c].AsSpan(0, offset), item, .. _chunks[c].AsSpan(offset)];
        return grown.Length <= ChunkSize
            ? Replace(c, 1, [grown])
            : Replace(c, 1, [grown[..(grown.Length / 2)], grown[(grown.Length / 2)..]]);
    }

    /// <summary>The list without the item at <paramref name="index"/>; a chunk left small merges with a neighbour.</summary>
    public ChunkedList<T> RemoveAt(int index)
    {
        var (c, offset) = Locate(index);
        T[] shrunk = [.. _chunks[c].AsSpan(0, offset), .. _chunks[c].AsSpan(offset + 1)];
        if (shrunk.Length == 0)
        {
            return Replace(c, 1, []);
        }

        if (shrunk.Length < ChunkSize / 4)
        {
            if (c + 1 < _chunks.Length && shrunk.Length + _chunks[c + 1].Length <= ChunkSize)
            {
                return Replace(c, 2, [[.. shrunk, .. _chunks[c + 1]]]);
            }

            if (c > 0 && _chunks[c - 1].Length + shrunk.Length <= ChunkSize)
            {
                return Replace(c - 1, 2, [[.. _chunks[c - 1], .. shrunk]]);
            }
        }

        return Replace(c, 1, [shrunk]);
    }

    /// <summary>The list with <paramref name="item"/> in place of the item at <paramref name="index"/>.</summary>
    public ChunkedList<T> SetItem(int index, T item)
    {
        var (c, offset) = Locate(index);
        var copy = (T[])_chunks[c].Clone();
        copy[offset] = item;
        var chunks = (T[][])_chunks.Clone();
        chunks[c] = copy;
        return new ChunkedList<T>(chunks, _ends);
    }

    public IEnumerator<T> GetEnumerator()
    {
        foreach (var chunk in _chunks)
        {
            foreach (var item in chunk)
            {
                yield return item;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Replaces <paramref name="count"/> chunks from <paramref name="first"/> with <paramref name="replacement"/>.</summary>
    private ChunkedList<T> Replace(int first, int count, T[][] replacement)
    {
        T[][] chunks = [.. _chunks.AsSpan(0, first), .. replacement, .. _chunks.AsSpan(first + count)];
        return new ChunkedList<T>(chunks, Ends(chunks, first, _ends));
    }

    /// <summary>Running counts, reusing <paramref name="previous"/> below chunk <paramref name="from"/> (unchanged there).</summary>
    private static int[] Ends(T[][] chunks, int from, int[] previous)
    {
        var ends = new int[chunks.Length];
        previous.AsSpan(0, from).CopyTo(ends);
        for (var i = from; i < chunks.Length; i++)
        {
            ends[i] = (i == 0 ? 0 : ends[i - 1]) + chunks[i].Length;
        }

        return ends;
    }

    private (int Chunk, int Offset) Locate(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        int lo = 0, hi = _ends.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_ends[mid] <= index)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return (lo, index - (lo == 0 ? 0 : _ends[lo - 1]));
    }
}
