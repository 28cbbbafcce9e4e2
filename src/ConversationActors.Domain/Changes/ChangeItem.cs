using System.Text.Json.Serialization;
using ConversationActors.Domain.Queries;

namespace ConversationActors.Domain.Changes;

/// <summary>The four kinds of change-feed item (SPEC 4.3); the SSE event names are their camelCase forms.</summary>
public enum ChangeKind
{
    NewConversation,
    ConversationChanged,
    ConversationDeleted,
    TotalUnreadChanged,
}

/// <summary>
/// One item of a user's change feed, caused by journal event <paramref name="Seq"/>. Several items may
/// share a seq (an eviction and the conversation that caused it, then the new total).
/// </summary>
/// <param name="Conversation">The conversation as it is after the event (new and changed items).</param>
/// <param name="ConversationID">The conversation that disappeared (deleted items); else the item's conversation.</param>
/// <param name="TotalUnreadCount">The new total (totalUnreadChanged items).</param>
public sealed record ChangeItem(long Seq, ChangeKind Kind, ConversationView? Conversation, string? ConversationID, long? TotalUnreadCount)
{
    public static ChangeItem New(long seq, ConversationView view) => new(seq, ChangeKind.NewConversation, view, view.ConversationID, null);

    public static ChangeItem Changed(long seq, ConversationView view) => new(seq, ChangeKind.ConversationChanged, view, view.ConversationID, null);

    public static ChangeItem Deleted(long seq, string conversationID) => new(seq, ChangeKind.ConversationDeleted, null, conversationID, null);

    public static ChangeItem Total(long seq, long total) => new(seq, ChangeKind.TotalUnreadChanged, null, null, total);

    /// <summary>The SSE event name: newConversation, conversationChanged, conversationDeleted, totalUnreadChanged.</summary>
    [JsonIgnore]
    public string EventName => Kind switch
    {
        ChangeKind.NewConversation => "newConversation",
        ChangeKind.ConversationChanged => "conversationChanged",
        ChangeKind.ConversationDeleted => "conversationDeleted",
        _ => "totalUnreadChanged",
    };
}
