using System.Diagnostics.CodeAnalysis;

namespace ConversationActors.Domain.State;

/// <summary>
/// A user's conversations by conversationID (ordinal order), immutable: a <see cref="ChunkedList{T}"/> of the entries,
/// about 8 bytes a conversation (issue #14; the <c>ImmutableDictionary</c> it replaces cost about 64). Lookups are
/// O(log n) ordinal comparisons; a change copies one chunk and the directory. The entries themselves are shared between
/// versions, so an entry an event did not touch is the same object before and after it (the change feed relies on it).
/// </summary>
public sealed class ConversationIndex
{
    private readonly ChunkedList<ConversationEntry> _byID;

    private ConversationIndex(ChunkedList<ConversationEntry> byID) => _byID = byID;

    public static ConversationIndex Empty { get; } = new(ChunkedList<ConversationEntry>.Empty);

    public int Count => _byID.Count;

    /// <summary>The entries in ordinal conversationID order.</summary>
    public IEnumerable<ConversationEntry> Values => _byID;

    public IEnumerable<string> Keys => _byID.Select(e => e.ID.Value);

    /// <summary>
    /// The conversationIDs whose entry differs between <paramref name="before"/> and <paramref name="after"/> (replaced,
    /// added or removed), in ordinal order; entries both share are skipped a chunk at a time (<see cref="ChunkedList{T}.Differences"/>).
    /// </summary>
    public static IEnumerable<string> Changed(ConversationIndex before, ConversationIndex after) =>
        ChunkedList<ConversationEntry>.Differences(before._byID, after._byID, (a, b) => string.CompareOrdinal(a.ID.Value, b.ID.Value))
            .Select(d => (d.Before ?? d.After)!.ID.Value);

    /// <summary>The entry of <paramref name="conversationID"/>; throws when there is none.</summary>
    public ConversationEntry this[string conversationID] =>
        Find(conversationID) ?? throw new KeyNotFoundException($"no conversation {conversationID}");

    public static ConversationIndex From(IEnumerable<ConversationEntry> entries) =>
        new(ChunkedList<ConversationEntry>.From([.. entries.OrderBy(e => e.ID.Value, StringComparer.Ordinal)]));

    public ConversationEntry? Find(string conversationID) =>
        _byID.Search(conversationID, ByID) is var at && at >= 0 ? _byID[at] : null;

    public bool TryGetValue(string conversationID, [NotNullWhen(true)] out ConversationEntry? entry) => (entry = Find(conversationID)) is not null;

    public bool ContainsKey(string conversationID) => Find(conversationID) is not null;

    /// <summary>The index with <paramref name="entry"/> stored under its conversationID (added or replacing).</summary>
    public ConversationIndex SetItem(ConversationEntry entry) => SetItem(entry, PositionOf(entry.ID.Value));

    /// <summary>
    /// Where <paramref name="conversationID"/> is: its position (read it with <see cref="At"/>), or the bitwise
    /// complement of where it would go. Valid until the index changes.
    /// </summary>
    public int PositionOf(string conversationID) => _byID.Search(conversationID, ByID);

    /// <summary>The entry at a position <see cref="PositionOf"/> found (≥ 0).</summary>
    public ConversationEntry At(int position) => _byID[position];

    /// <summary><see cref="SetItem(ConversationEntry)"/> where <paramref name="position"/> is <see cref="PositionOf"/> the entry's conversationID in this index (one search less).</summary>
    public ConversationIndex SetItem(ConversationEntry entry, int position) =>
        With(position >= 0 ? _byID.SetItem(position, entry) : _byID.Insert(~position, entry));

    public ConversationIndex Remove(string conversationID)
    {
        var at = _byID.Search(conversationID, ByID);
        return at >= 0 ? With(_byID.RemoveAt(at)) : this;
    }

    /// <summary>A transient index for <paramref name="edit"/>: see <see cref="ChunkedList{T}.Transient"/>.</summary>
    public ConversationIndex Transient(FoldEdit edit) => With(_byID.Transient(edit));

    /// <summary>The immutable index with this one's entries: see <see cref="ChunkedList{T}.Sealed"/>.</summary>
    public ConversationIndex Sealed() => With(_byID.Sealed());

    /// <summary>This index when <paramref name="byID"/> is its own list (a transient one changed in place), else a new one.</summary>
    private ConversationIndex With(ChunkedList<ConversationEntry> byID) => ReferenceEquals(byID, _byID) ? this : new(byID);

    private static int ByID(ConversationEntry entry, string conversationID) => string.CompareOrdinal(entry.ID.Value, conversationID);
}
