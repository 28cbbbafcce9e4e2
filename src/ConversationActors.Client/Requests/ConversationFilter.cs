using System.Globalization;
using ConversationActors.Client.Model;

namespace ConversationActors.Client.Requests;

/// <summary>
/// The list and unread filters (getConversationListByFilter): absent properties do not filter. They combine
/// with each other, with paging and with time travel.
/// </summary>
public sealed record ConversationFilter
{
    /// <summary>Only C2C or only GROUP conversations.</summary>
    public ConversationType? Type { get; init; }

    /// <summary>Only conversations having this one mark (8 HIDE lists the hidden ones).</summary>
    public ulong? MarkType { get; init; }

    /// <summary>Only conversations in this conversation group.</summary>
    public string? ConversationGroup { get; init; }

    /// <summary>Only conversations with (true) or without (false) unread messages.</summary>
    public bool? HasUnread { get; init; }

    /// <summary>Only conversations with (true) or without (false) @-mentions.</summary>
    public bool? HasAt { get; init; }

    internal IEnumerable<KeyValuePair<string, string>> ToQuery()
    {
        if (Type is { } type)
        {
            yield return new("type", type == ConversationType.Group ? "GROUP" : type == ConversationType.C2C ? "C2C" : "SYSTEM");
        }

        if (MarkType is { } mark)
        {
            yield return new("markType", mark.ToString(CultureInfo.InvariantCulture));
        }

        if (ConversationGroup is { } group)
        {
            yield return new("conversationGroup", group);
        }

        if (HasUnread is { } unread)
        {
            yield return new("hasUnread", unread ? "true" : "false");
        }

        if (HasAt is { } at)
        {
            yield return new("hasAt", at ? "true" : "false");
        }
    }
}
