using System.Text.Json.Serialization;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.State;

namespace ConversationActors.Domain.Queries;

/// <summary>
/// getConversationListByFilter's filter: each given field narrows the list, absent fields do not. Lists
/// leave HIDE-marked conversations out, unless the filter asks for that mark; unread counts include them.
/// </summary>
public sealed record ConversationFilter(
    ConversationType? Type = null,
    ulong? MarkType = null,
    string? ConversationGroup = null,
    bool? HasUnread = null,
    bool? HasAt = null)
{
    /// <summary>No filter: the plain list (still without hidden conversations).</summary>
    public static ConversationFilter None { get; } = new();

    [JsonIgnore]
    public bool IsEmpty => Equals(None);

    /// <summary>Whether a list answer shows <paramref name="entry"/>.</summary>
    public bool Lists(ConversationEntry entry) =>
        (!entry.IsHidden || MarkType == ConversationMarks.Hide) && Counts(entry);

    /// <summary>Whether <paramref name="entry"/> matches, hidden or not (filtered unread counts).</summary>
    public bool Counts(ConversationEntry entry) =>
        (Type is not { } type || entry.ID.Type == type)
        && (MarkType is not { } mark || (entry.Marks & mark) != 0)
        && (ConversationGroup is not { } group || entry.IsInGroup(group))
        && (HasUnread is not { } unread || (entry.UnreadCount > 0) == unread)
        && (HasAt is not { } at || !entry.AtEntries.IsEmpty == at);
}
