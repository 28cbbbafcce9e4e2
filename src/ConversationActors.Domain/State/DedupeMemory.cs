namespace ConversationActors.Domain.State;

/// <summary>
/// The user's latest applied message keys (64-bit hashes of conversationID + msgID, see <see cref="DedupeKey"/>), at most
/// <see cref="Capacity"/> of them, forgotten oldest first. Guarantee: a message is recognised as a duplicate if it is
/// among the latest <c>dedupe-window</c> messages applied to the user's whole set, or is the current lastMessage of its
/// conversation; a different message is taken for a duplicate with probability at most <c>Capacity × 2⁻⁶⁴</c>
/// (docs/decisions.md). It survives delete, clearHistory, restarts and snapshots.
/// Layout (issue #14): the newest keys in an exactly sized array in arrival order, older ones in sealed chunks of
/// <see cref="ChunkSize"/> kept sorted for binary search, with each key's arrival rank (8 + 1 bytes a key). Immutable:
/// sealed chunks are shared between versions, and the newest keys live in an append-only buffer that versions share
/// too: a version sees only the first <c>count</c> keys of it, and <see cref="Remember"/> writes in place only when no
/// other version has written past that count (else it copies), so the entity's pending and durable states never see
/// each other's keys while a fold (a recovery) appends with no copy. The buffer doubles as it fills (at most
/// <see cref="ChunkSize"/> keys); a memory restored from a snapshot is sized exactly.
/// </summary>
public sealed class DedupeMemory
{
    /// <summary>Keys per sealed chunk (the newest array is copied on every remembered key, so it stays this small).</summary>
    public const int ChunkSize = 128;

    private static DedupeMemory? _lastEmpty;

    private readonly SealedChunk[] _sealed;

    /// <summary>Each sealed chunk's <see cref="FilterWords"/>-word filter, in chunk order, side by side (one scan for a lookup).</summary>
    private readonly ulong[] _filters;

    private readonly NewestBuffer _newest;
    private readonly int _newestCount;
    private readonly int _forgotten;

    private DedupeMemory(int capacity, SealedChunk[] @sealed, ulong[] filters, NewestBuffer newest, int newestCount, int forgotten, int count)
    {
        Capacity = capacity;
        _sealed = @sealed;
        _filters = filters;
        _newest = newest;
        _newestCount = newestCount;
        _forgotten = forgotten;
        Count = count;
    }

    /// <summary>The most keys remembered (<c>dedupe-window</c>); 0 or less remembers none.</summary>
    public int Capacity { get; }

    /// <summary>Keys remembered now.</summary>
    public int Count { get; }

    /// <summary>The remembered keys, oldest first (the order a snapshot stores and a restore replays).</summary>
    public IEnumerable<ulong> OldestFirst
    {
        get
        {
            for (var i = 0; i < _sealed.Length; i++)
            {
                foreach (var key in _sealed[i].InArrivalOrder(i == 0 ? _forgotten : 0))
                {
                    yield return key;
                }
            }

            for (var i = 0; i < _newestCount; i++)
            {
                yield return _newest.Keys[i];
            }
        }
    }

    /// <summary>An empty memory; the one of the configured window is shared (it is immutable) by every idle entity.</summary>
    public static DedupeMemory Create(int capacity) =>
        _lastEmpty is { } empty && empty.Capacity == capacity ? empty : _lastEmpty = new(capacity, [], [], NewestBuffer.Empty, 0, 0, 0);

    /// <summary>A memory holding <paramref name="oldestFirst"/> (the latest <paramref name="capacity"/> distinct keys), its newest keys sized exactly.</summary>
    public static DedupeMemory From(int capacity, IEnumerable<ulong> oldestFirst)
    {
        var memory = oldestFirst.Aggregate(Create(capacity), (memory, key) => memory.Remember(key));
        return memory._newest.Keys.Length == memory._newestCount
            ? memory
            : new DedupeMemory(capacity, memory._sealed, memory._filters, new NewestBuffer(memory._newest.Keys[..memory._newestCount], memory._newestCount), memory._newestCount, memory._forgotten, memory.Count);
    }

    /// <summary>The key of a message: <see cref="DedupeKey.Of"/>.</summary>
    public static ulong Key(string conversationID, string msgID) => DedupeKey.Of(conversationID, msgID);

    public bool Contains(ulong key)
    {
        if (_newest.Keys.AsSpan(0, _newestCount).Contains(key))
        {
            return true;
        }

        // A chunk's filter rules the key out for all but about one chunk in twenty: the binary searches stay few.
        var (word1, bit1, word2, bit2) = FilterBits(key);
        for (var i = 0; i < _sealed.Length; i++)
        {
            var filter = _filters.AsSpan(i * FilterWords, FilterWords);
            if ((filter[word1] & bit1) != 0 && (filter[word2] & bit2) != 0 && _sealed[i].Contains(key, i == 0 ? _forgotten : 0))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>This memory with <paramref name="key"/> as its newest key (unchanged if it already holds it), the oldest forgotten beyond <see cref="Capacity"/>.</summary>
    public DedupeMemory Remember(ulong key)
    {
        if (Capacity <= 0 || Contains(key))
        {
            return this;
        }

        var (newest, newestCount) = (_newest.Append(_newestCount, key), _newestCount + 1);
        var (@sealed, filters, forgotten, count) = (_sealed, _filters, _forgotten, Count + 1);
        if (newestCount == ChunkSize)
        {
            @sealed = [.. @sealed, new SealedChunk(newest.Keys)];
            filters = [.. filters, .. Filter(newest.Keys)];
            (newest, newestCount) = (NewestBuffer.Empty, 0);
        }

        if (count > Capacity)
        {
            count--;
            if (@sealed.Length == 0)
            {
                // A window smaller than a chunk: the newest keys are all there is; forget the oldest by copying.
                newest = new NewestBuffer(newest.Keys[1..newestCount], newestCount - 1);
                newestCount--;
            }
            else if (++forgotten == ChunkSize)
            {
                @sealed = @sealed[1..];
                filters = filters[FilterWords..];
                forgotten = 0;
            }
        }

        return new DedupeMemory(Capacity, @sealed, filters, newest, newestCount, forgotten, count);
    }

    /// <summary>Words (64 bits each) of a sealed chunk's filter: 1,024 bits for 128 keys, 1 byte a key.</summary>
    private const int FilterWords = 16;

    /// <summary>
    /// The two bits a key sets in a chunk's filter: its lowest 10 bits and the next 10. Keys are SHA-256 prefixes, so
    /// these are uniform; with 128 keys in 1,024 bits a key not in the chunk passes both with probability
    /// (1 - e^(-1/4))² ≈ 0.049.
    /// </summary>
    private static (int Word1, ulong Bit1, int Word2, ulong Bit2) FilterBits(ulong key)
    {
        var (a, b) = ((int)(key & 1023), (int)((key >> 10) & 1023));
        return (a >> 6, 1UL << a, b >> 6, 1UL << b);
    }

    private static ulong[] Filter(ulong[] keys)
    {
        var filter = new ulong[FilterWords];
        foreach (var key in keys)
        {
            var (word1, bit1, word2, bit2) = FilterBits(key);
            filter[word1] |= bit1;
            filter[word2] |= bit2;
        }

        return filter;
    }

    /// <summary>
    /// The newest keys' storage, shared by the versions that grew from one another; <c>_used</c> is how far any of them
    /// has claimed. A version holding <c>count</c> keys may write key <c>count</c> in place only while <c>_used</c> is
    /// still <c>count</c> (it claims the slot atomically); otherwise another version has claimed it, and this one shares
    /// the buffer when that slot already holds the same key, else copies. A slot claimed but not yet written reads as
    /// another key, so a race only costs a copy (the entity's thread is the only writer today).
    /// </summary>
    private sealed class NewestBuffer(ulong[] keys, int used)
    {
        private int _used = used;

        public static NewestBuffer Empty { get; } = new([], 0);

        public ulong[] Keys { get; } = keys;

        /// <summary>The buffer holding this version's <paramref name="count"/> keys and then <paramref name="key"/>.</summary>
        public NewestBuffer Append(int count, ulong key)
        {
            if (count < Keys.Length && Interlocked.CompareExchange(ref _used, count + 1, count) == count)
            {
                Keys[count] = key;
                return this;
            }

            // Another version wrote past this one's count; if it wrote this very key next (the durable state applying
            // the event its pending state already applied), both versions see the same keys: share.
            if (count < Volatile.Read(ref _used) && Keys[count] == key)
            {
                return this;
            }

            var keys = new ulong[Math.Clamp(count * 2, 4, ChunkSize)];
            Keys.AsSpan(0, count).CopyTo(keys);
            keys[count] = key;
            return new NewestBuffer(keys, count + 1);
        }
    }

    /// <summary>A full chunk: its keys sorted, and each one's arrival rank (0 = oldest) to forget them oldest first.</summary>
    private sealed class SealedChunk
    {
        private readonly ulong[] _sorted;
        private readonly byte[] _rank;

        public SealedChunk(ulong[] arrivalOrder)
        {
            _sorted = (ulong[])arrivalOrder.Clone();
            _rank = new byte[arrivalOrder.Length];
            for (var i = 0; i < _rank.Length; i++)
            {
                _rank[i] = (byte)i;
            }

            Array.Sort(_sorted, _rank);
        }

        /// <summary>Keys in a memory are distinct, so a key is in a chunk at most once.</summary>
        public bool Contains(ulong key, int forgotten) =>
            Array.BinarySearch(_sorted, key) is var at && at >= 0 && _rank[at] >= forgotten;

        public IEnumerable<ulong> InArrivalOrder(int forgotten)
        {
            var arrival = new ulong[_sorted.Length];
            for (var i = 0; i < _sorted.Length; i++)
            {
                arrival[_rank[i]] = _sorted[i];
            }

            return arrival.Skip(forgotten);
        }
    }
}
