using System.Collections.Immutable;

namespace ConversationActors.Domain.State;

/// <summary>
/// SPEC 3.4 delete watermark: for each deleted conversation, the newest message timestamp (ms since the
/// epoch) it had when it was deleted. A later-arriving message at or before it is history the user already
/// had and deleted, so it records nothing. Kept after the conversation is created again (the history
/// before the deletion stays deleted). Bounded: at most <see cref="ConversationSettings.DeleteWatermarksPerUser"/>,
/// the lowest watermark (then the ordinally smallest conversationID) dropped first; a watermark older than
/// <c>retention</c> could only block messages that would create an already-expired conversation.
/// </summary>
public sealed record DeleteWatermarks(ImmutableDictionary<string, long> ByConversation)
{
    public static DeleteWatermarks Empty { get; } = new(ImmutableDictionary.Create<string, long>(StringComparer.Ordinal));

    public int Count => ByConversation.Count;

    public static DeleteWatermarks From(IEnumerable<KeyValuePair<string, long>> watermarks) =>
        watermarks.Aggregate(Empty, (all, kv) => all.Record(kv.Key, kv.Value));

    /// <summary>The watermark of <paramref name="conversationID"/>, or null when it was never deleted with messages.</summary>
    public long? For(string conversationID) => ByConversation.TryGetValue(conversationID, out var watermark) ? watermark : null;

    /// <summary>True when a message of that timestamp was already deleted with its conversation.</summary>
    public bool Covers(string conversationID, long timestamp) => For(conversationID) is { } watermark && timestamp <= watermark;

    /// <summary>Records a deletion of a conversation whose newest message was at <paramref name="newestMessageTimestamp"/> (0: none).</summary>
    public DeleteWatermarks Record(string conversationID, long newestMessageTimestamp)
    {
        if (newestMessageTimestamp <= 0 || For(conversationID) >= newestMessageTimestamp)
        {
            return this;
        }

        var byConversation = ByConversation.SetItem(conversationID, newestMessageTimestamp);
        if (byConversation.Count > ConversationSettings.DeleteWatermarksPerUser)
        {
            var lowest = byConversation.MinBy(kv => (kv.Value, kv.Key), LowestFirst.Instance);
            byConversation = byConversation.Remove(lowest.Key);
        }

        return new DeleteWatermarks(byConversation);
    }

    private sealed class LowestFirst : IComparer<(long Watermark, string ConversationID)>
    {
        public static readonly LowestFirst Instance = new();

        public int Compare((long Watermark, string ConversationID) x, (long Watermark, string ConversationID) y) =>
            x.Watermark != y.Watermark ? x.Watermark.CompareTo(y.Watermark) : string.CompareOrdinal(x.ConversationID, y.ConversationID);
    }
}
