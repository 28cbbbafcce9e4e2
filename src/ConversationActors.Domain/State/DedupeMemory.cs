namespace ConversationActors.Domain.State;

/// <summary>
/// The user's latest applied message keys (64-bit hashes of conversationID + msgID, see <see cref="DedupeKey"/>), at most
/// <see cref="Capacity"/> of them, forgotten oldest first. Guarantee: a message is recognised as a duplicate if it is
/// among the latest <c>dedupe-window</c> messages applied to the user's whole set, or is the current lastMessage of its
/// conversation; a different message is taken for a duplicate with probability at most <c>Capacity × 2⁻⁶⁴</c>
/// (docs/decisions.md). It survives delete, clearHistory, restarts and snapshots.
/// Layout (issue #14): the newest keys in an exactly sized array in arrival order, older ones in sealed chunks of
/// <see cref="ChunkSize"/> kept sorted for binary search, with each key's arrival rank (8 + 1 bytes a key). Immutable:
/// <see cref="Remember"/> copies the newest array only, sealed chunks are shared between versions, so the entity's
/// pending and durable states never see each other's keys.
/// </summary>
public sealed class DedupeMemory
{
    /// <summary>Keys per sealed chunk (the newest array is copied on every remembered key, so it stays this small).</summary>
    public const int ChunkSize = 128;

    private static DedupeMemory? _lastEmpty;

    private readonly SealedChunk[] _sealed;
    private readonly ulong[] _newest;
    private readonly int _forgotten;

    private DedupeMemory(int capacity, SealedChunk[] @sealed, ulong[] newest, int forgotten, int count)
    {
        Capacity = capacity;
        _sealed = @sealed;
        _newest = newest;
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

            foreach (var key in _newest)
            {
                yield return key;
            }
        }
    }

    /// <summary>An empty memory; the one of the configured window is shared (it is immutable) by every idle entity.</summary>
    public static DedupeMemory Create(int capacity) =>
        _lastEmpty is { } empty && empty.Capacity == capacity ? empty : _lastEmpty = new(capacity, [], [], 0, 0);

    public static DedupeMemory From(int capacity, IEnumerable<ulong> oldestFirst) =>
        oldestFirst.Aggregate(Create(capacity), (memory, key) => memory.Remember(key));

    /// <summary>The key of a message: <see cref="DedupeKey.Of"/>.</summary>
    public static ulong Key(string conversationID, string msgID) => DedupeKey.Of(conversationID, msgID);

    public bool Contains(ulong key)
    {
        if (_newest.AsSpan().Contains(key))
        {
            return true;
        }

        for (var i = 0; i < _sealed.Length; i++)
        {
            if (_sealed[i].Contains(key, i == 0 ? _forgotten : 0))
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

        ulong[] newest = [.. _newest, key];
        var (@sealed, forgotten, count) = (_sealed, _forgotten, Count + 1);
        if (newest.Length == ChunkSize)
        {
            @sealed = [.. @sealed, new SealedChunk(newest)];
            newest = [];
        }

        if (count > Capacity)
        {
            count--;
            if (@sealed.Length == 0)
            {
                newest = newest[1..];
            }
            else if (++forgotten == ChunkSize)
            {
                @sealed = @sealed[1..];
                forgotten = 0;
            }
        }

        return new DedupeMemory(Capacity, @sealed, newest, forgotten, count);
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
