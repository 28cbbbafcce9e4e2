using System.Collections;

namespace ConversationActors.Domain.State;

/// <summary>
/// An immutable list in chunks of at most <see cref="ChunkSize"/> items (issue #14): about 8 bytes an item, where a
/// balanced-tree node of <c>ImmutableSortedSet</c>/<c>ImmutableDictionary</c> costs about 64. A change copies one chunk
/// and the chunk directory (O(ChunkSize + n / ChunkSize)); every other chunk is shared with the previous version, so
/// versions never see each other's changes. Index access and <see cref="Search{TKey}"/> are O(log n). The caller keeps
/// it sorted: <see cref="Search{TKey}"/> answers like <see cref="Array.BinarySearch(Array, object)"/>.
/// <para>
/// A fold no one watches (an entity's recovery) can use a transient list (<see cref="Transient"/>, then
/// <see cref="Sealed"/>): under the same <see cref="FoldEdit"/> a change writes in place, into chunks the transient
/// list made itself (with room for <see cref="ChunkSize"/> items), and answers the same list; chunks it shares with
/// the list it came from are copied once, on their first change, so that list never changes. Every answer of a transient
/// list is the one the immutable operations give.
/// </para>
/// </summary>
/// <typeparam name="T">The item type (entries, shared by reference between versions).</typeparam>
public sealed class ChunkedList<T> : IReadOnlyList<T>
    where T : class
{
    /// <summary>Most items a chunk holds; a chunk that grows beyond it is split in two.</summary>
    public const int ChunkSize = 64;

    /// <summary>The chunks; chunk i holds the first <c>_ends[i] - _ends[i - 1]</c> items of its array (all of it unless transient).</summary>
    private T[][] _chunks;

    /// <summary>_ends[i]: the number of items in chunks 0..i.</summary>
    private int[] _ends;

    /// <summary>Non-null: a transient list, changed in place under this edit.</summary>
    private readonly FoldEdit? _edit;

    /// <summary>A transient list's chunks it made itself (the ones it may write in place).</summary>
    private bool[] _owned;

    private ChunkedList(T[][] chunks, int[] ends, FoldEdit? edit = null, bool[]? owned = null)
    {
        _chunks = chunks;
        _ends = ends;
        _edit = edit;
        _owned = owned ?? [];
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
        var ends = new int[chunks.Length];
        for (var i = 0; i < chunks.Length; i++)
        {
            ends[i] = (i == 0 ? 0 : ends[i - 1]) + chunks[i].Length;
        }

        return new ChunkedList<T>(chunks, ends);
    }

    /// <summary>A transient copy of this list for <paramref name="edit"/> (this list is never changed by it).</summary>
    public ChunkedList<T> Transient(FoldEdit edit) =>
        _edit == edit ? this : new((T[][])_chunks.Clone(), (int[])_ends.Clone(), edit, new bool[_chunks.Length]);

    /// <summary>The immutable list with this list's items: chunks sized exactly, no edit (this list when it is not transient).</summary>
    public ChunkedList<T> Sealed()
    {
        if (_edit is null)
        {
            return this;
        }

        var chunks = new T[_chunks.Length][];
        for (var i = 0; i < chunks.Length; i++)
        {
            var length = Length(i);
            chunks[i] = _chunks[i].Length == length ? _chunks[i] : _chunks[i][..length];
        }

        return new ChunkedList<T>(chunks, (int[])_ends.Clone());
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
            if (compare(_chunks[mid][Length(mid) - 1], key) < 0)
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
        int a = 0, b = Length(lo) - 1;
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
            return Replace(0, 0, [[item]]);
        }

        var (c, offset) = index == Count ? (_chunks.Length - 1, Length(_chunks.Length - 1)) : Locate(index);
        var length = Length(c);
        if (length < ChunkSize && Writable(c) is { } chunk)
        {
            Array.Copy(chunk, offset, chunk, offset + 1, length - offset);
            chunk[offset] = item;
            Resized(c, +1);
            return this;
        }

        var items = Items(c);
        T[] grown = [.. items[..offset], item, .. items[offset..]];
        return grown.Length <= ChunkSize
            ? Replace(c, 1, [grown])
            : Replace(c, 1, [grown[..(grown.Length / 2)], grown[(grown.Length / 2)..]]);
    }

    /// <summary>The list without the item at <paramref name="index"/>; a chunk left small merges with a neighbour.</summary>
    public ChunkedList<T> RemoveAt(int index)
    {
        var (c, offset) = Locate(index);
        var length = Length(c);
        var items = Items(c);
        if (length - 1 >= ChunkSize / 4 && Writable(c) is { } chunk)
        {
            Array.Copy(chunk, offset + 1, chunk, offset, length - offset - 1);
            chunk[length - 1] = null!;
            Resized(c, -1);
            return this;
        }

        T[] shrunk = [.. items[..offset], .. items[(offset + 1)..]];
        if (shrunk.Length == 0)
        {
            return Replace(c, 1, []);
        }

        if (shrunk.Length < ChunkSize / 4)
        {
            if (c + 1 < _chunks.Length && shrunk.Length + Length(c + 1) <= ChunkSize)
            {
                return Replace(c, 2, [[.. shrunk, .. Items(c + 1)]]);
            }

            if (c > 0 && Length(c - 1) + shrunk.Length <= ChunkSize)
            {
                return Replace(c - 1, 2, [[.. Items(c - 1), .. shrunk]]);
            }
        }

        return Replace(c, 1, [shrunk]);
    }

    /// <summary>The list with <paramref name="item"/> in place of the item at <paramref name="index"/>.</summary>
    public ChunkedList<T> SetItem(int index, T item)
    {
        var (c, offset) = Locate(index);
        if (Writable(c) is { } chunk)
        {
            chunk[offset] = item;
            return this;
        }

        var copy = Items(c).ToArray();
        copy[offset] = item;
        var chunks = (T[][])_chunks.Clone();
        chunks[c] = copy;
        return new ChunkedList<T>(chunks, _ends);
    }

    /// <summary>
    /// The list with the item at <paramref name="from"/> taken out and <paramref name="item"/> put at
    /// <paramref name="to"/> (an index of the list without it, 0..Count - 1): what <see cref="RemoveAt"/> then
    /// <see cref="Insert"/> answer, in one step (a message moves its conversation to the top of the list order). It copies
    /// the one or two chunks it changes and the directory once; when a chunk would split or shrink below a quarter, it
    /// takes the two steps, which keep chunks full. A transient list takes the two steps in place.
    /// </summary>
    public ChunkedList<T> Move(int from, int to, T item)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)to, (uint)Count, nameof(to));
        var (cf, of) = Locate(from);

        // Where the item goes in this list's indices: before the item now at `target` (Count: at the end).
        var target = to < from ? to : to + 1;
        if (target == from || target == from + 1)
        {
            return SetItem(from, item);
        }

        if (InPlace)
        {
            return RemoveAt(from).Insert(to, item);
        }

        var (ct, ot) = target == Count ? (_chunks.Length - 1, Length(_chunks.Length - 1)) : Locate(target);
        if (ct == cf)
        {
            var copy = Items(cf).ToArray();
            if (of < ot)
            {
                Array.Copy(copy, of + 1, copy, of, ot - 1 - of);
                copy[ot - 1] = item;
            }
            else
            {
                Array.Copy(copy, ot, copy, ot + 1, of - ot);
                copy[ot] = item;
            }

            var same = (T[][])_chunks.Clone();
            same[cf] = copy;
            return new ChunkedList<T>(same, _ends);
        }

        if (Length(cf) - 1 < ChunkSize / 4 || Length(ct) + 1 > ChunkSize)
        {
            return RemoveAt(from).Insert(to, item);
        }

        var source = Items(cf);
        var destination = Items(ct);
        var moved = (T[][])_chunks.Clone();
        moved[cf] = [.. source[..of], .. source[(of + 1)..]];
        moved[ct] = [.. destination[..ot], item, .. destination[ot..]];
        var ends = (int[])_ends.Clone();
        for (var i = Math.Min(cf, ct); i < Math.Max(cf, ct); i++)
        {
            ends[i] += cf < ct ? -1 : +1;
        }

        return new ChunkedList<T>(moved, ends);
    }

    /// <summary>
    /// The items that differ between two versions of a list kept in one order (<paramref name="order"/>): pairs of the
    /// same key holding different objects, and items only one version has (the other side null), in that order. A chunk
    /// both versions share (the same array, the same length) holds the same items and is skipped whole, so the cost is
    /// the chunks a change copied plus one step per chunk, not one per item (issue 27: the change feed diffed a user's
    /// whole conversation index per event).
    /// </summary>
    public static IEnumerable<(T? Before, T? After)> Differences(ChunkedList<T> before, ChunkedList<T> after, Comparison<T> order)
    {
        var (cb, ib, ca, ia) = (0, 0, 0, 0);
        while (cb < before._chunks.Length || ca < after._chunks.Length)
        {
            if ((ib == 0 && cb < before._chunks.Length && before.Length(cb) == 0) || (ia == 0 && ca < after._chunks.Length && after.Length(ca) == 0))
            {
                // An empty chunk holds nothing to compare.
                (cb, ca) = (ib == 0 && cb < before._chunks.Length && before.Length(cb) == 0 ? cb + 1 : cb, ia == 0 && ca < after._chunks.Length && after.Length(ca) == 0 ? ca + 1 : ca);
                continue;
            }

            if (ib == 0 && ia == 0 && cb < before._chunks.Length && ca < after._chunks.Length
                && ReferenceEquals(before._chunks[cb], after._chunks[ca]) && before.Length(cb) == after.Length(ca))
            {
                (cb, ca) = (cb + 1, ca + 1);
                continue;
            }

            var was = cb < before._chunks.Length ? before._chunks[cb][ib] : null;
            var now = ca < after._chunks.Length ? after._chunks[ca][ia] : null;
            var o = was is null ? 1 : now is null ? -1 : order(was, now);
            if (o != 0 || !ReferenceEquals(was, now))
            {
                yield return (o <= 0 ? was : null, o >= 0 ? now : null);
            }

            if (o <= 0 && ++ib == before.Length(cb))
            {
                (cb, ib) = (cb + 1, 0);
            }

            if (o >= 0 && ++ia == after.Length(ca))
            {
                (ca, ia) = (ca + 1, 0);
            }
        }
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var c = 0; c < _chunks.Length; c++)
        {
            var chunk = _chunks[c];
            var length = Length(c);
            for (var i = 0; i < length; i++)
            {
                yield return chunk[i];
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>True for a transient list whose edit is still open: changes write in place.</summary>
    private bool InPlace => _edit is { IsOpen: true };

    private int Length(int c) => _ends[c] - (c == 0 ? 0 : _ends[c - 1]);

    private ReadOnlySpan<T> Items(int c) => _chunks[c].AsSpan(0, Length(c));

    /// <summary>A transient list's chunk <paramref name="c"/> to write in place (copied into room for a full chunk on its first write); null when not transient.</summary>
    private T[]? Writable(int c)
    {
        if (!InPlace)
        {
            return null;
        }

        if (!_owned[c])
        {
            var room = new T[ChunkSize];
            Items(c).CopyTo(room);
            _chunks[c] = room;
            _owned[c] = true;
        }

        return _chunks[c];
    }

    /// <summary>A transient list's chunk <paramref name="c"/> grew or shrank by <paramref name="delta"/> items.</summary>
    private void Resized(int c, int delta)
    {
        for (var i = c; i < _ends.Length; i++)
        {
            _ends[i] += delta;
        }
    }

    /// <summary>
    /// Replaces <paramref name="count"/> chunks from <paramref name="first"/> with <paramref name="replacement"/> (exactly
    /// sized): a new list, or this transient one with a new directory (it writes the new chunks in place only after
    /// copying them into room, like the ones it shares).
    /// </summary>
    private ChunkedList<T> Replace(int first, int count, T[][] replacement)
    {
        T[][] chunks = [.. _chunks.AsSpan(0, first), .. replacement, .. _chunks.AsSpan(first + count)];
        var ends = new int[chunks.Length];
        _ends.AsSpan(0, first).CopyTo(ends);
        var (sum, i) = (first == 0 ? 0 : _ends[first - 1], first);
        foreach (var chunk in replacement)
        {
            ends[i++] = sum += chunk.Length;
        }

        for (var old = first + count; old < _chunks.Length; old++)
        {
            ends[i++] = sum += Length(old);
        }

        if (!InPlace)
        {
            return new ChunkedList<T>(chunks, ends);
        }

        _owned = [.. _owned.AsSpan(0, first), .. new bool[replacement.Length], .. _owned.AsSpan(first + count)];
        (_chunks, _ends) = (chunks, ends);
        return this;
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

/// <summary>
/// The token of one fold no one watches (an entity's recovery): collections made transient under it change in place
/// while it is open; once <see cref="Close"/>d they change as immutable ones do. Issue #14 (recovery); see
/// <see cref="ChunkedList{T}.Transient"/>.
/// </summary>
public sealed class FoldEdit
{
    /// <summary>True until <see cref="Close"/>.</summary>
    public bool IsOpen { get; private set; } = true;

    /// <summary>Ends the edit: no collection changes in place under it again.</summary>
    public void Close() => IsOpen = false;
}
