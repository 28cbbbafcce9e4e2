using ConversationActors.Domain.Ids;

namespace ConversationActors.Domain.Model;

/// <summary>
/// The group-type rules, in one place: stickiness and the profile fallback (SPEC 3.4) and "AVChatRoom groups
/// have no unread count" (SPEC 3.2). The fold counts unread with them when a message arrives; every view
/// (list, page, batch, single, profile, change feed, <c>/unread</c>, filters) then reads the entry's count, so
/// they cannot disagree. A profile that turns AVChatRoom later does not undo unread counted before
/// (decision 2026-11-30 "AVChatRoom unread").
/// </summary>
public static class GroupTypeRules
{
    /// <summary>SPEC 3.4: a message's groupType replaces the stored one; a message without one keeps it.</summary>
    public static GroupType? Sticky(GroupType? fromMessage, GroupType? stored) => fromMessage ?? stored;

    /// <summary>SPEC 3.4: without a message's or stored groupType, the group profile's is used.</summary>
    public static GroupType? WithProfileFallback(GroupType? known, GroupType? fromProfile) => known ?? fromProfile;

    /// <summary>True when a message to <paramref name="conversation"/> needs the group profile's type looked up.</summary>
    public static bool NeedsProfileGroupType(ConversationId conversation, GroupType? fromMessage) =>
        conversation.GroupID is not null && fromMessage is null;

    /// <summary>SPEC 3.2: AVChatRoom groups have no unread count.</summary>
    public static bool HasUnreadCount(GroupType? groupType) => groupType != GroupType.AVChatRoom;
}
