using ConversationActors.Client.Model;

namespace ConversationActors.Client.Changes;

/// <summary>What a change-feed item says (the SSE event name).</summary>
public enum ConversationChangeKind
{
    /// <summary><c>newConversation</c> (onNewConversation): <see cref="ConversationChange.Conversation"/> is set.</summary>
    NewConversation,

    /// <summary><c>conversationChanged</c> (onConversationChanged): <see cref="ConversationChange.Conversation"/> is set.</summary>
    ConversationChanged,

    /// <summary><c>conversationDeleted</c>: only <see cref="ConversationChange.ConversationID"/> is set.</summary>
    ConversationDeleted,

    /// <summary><c>totalUnreadChanged</c> (onTotalUnreadMessageCountChanged): <see cref="ConversationChange.TotalUnreadCount"/> is set.</summary>
    TotalUnreadChanged,
}

/// <summary>One item of a user's change feed (SPEC 4.3 <c>/conversations/changes</c>).</summary>
/// <param name="Seq">The journal seq of the write that caused it; one write may cause several items with the same seq.</param>
/// <param name="Kind">What changed.</param>
/// <param name="ConversationID">The conversation concerned, or null for <see cref="ConversationChangeKind.TotalUnreadChanged"/>.</param>
/// <param name="Conversation">The conversation as the list renders it (new and changed items), else null.</param>
/// <param name="TotalUnreadCount">The new total (total items), else null.</param>
public sealed record ConversationChange(long Seq, ConversationChangeKind Kind, string? ConversationID, Conversation? Conversation, int? TotalUnreadCount);
