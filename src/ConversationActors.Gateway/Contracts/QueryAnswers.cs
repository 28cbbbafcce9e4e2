using ConversationActors.Domain.Profiles;
using ConversationActors.Domain.Queries;
using ConversationActors.Gateway.Rendering;

namespace ConversationActors.Gateway.Contracts;

/// <summary>
/// The answer of the whole list and of a page (SPEC 4.1, <c>getConversationList()</c> and Flutter's
/// <c>getConversationList(nextSeq, count)</c>).
/// </summary>
/// <param name="ConversationList">Pinned first, then by orderKey descending.</param>
/// <param name="IsFinished">True when nothing follows (always for the unpaged list).</param>
/// <param name="NextSeq">The opaque cursor after the last item; passed back as <c>nextSeq</c> it continues from there.</param>
public sealed record ConversationListAnswer(IReadOnlyList<ConversationDto> ConversationList, bool IsFinished, string NextSeq);

/// <summary>The answer of a batch (SPEC 4.1, <c>getConversationList([ids])</c>): the named conversations that exist, in the order asked.</summary>
/// <param name="ConversationList">Each existing conversation once.</param>
public sealed record ConversationBatchAnswer(IReadOnlyList<ConversationDto> ConversationList);

/// <summary>
/// The answer of <c>…/{conversationID}/profile</c> (SPEC 4.1, <c>getConversationProfile(id)</c>): the conversation,
/// the current profile of its peer (C2C) or group (GROUP), read fresh rather than from the list's cache, and its stats.
/// Only the profile of the conversation's kind is written (neither for SYSTEM).
/// </summary>
/// <param name="Conversation">As the list renders it.</param>
/// <param name="UserProfile">C2C only: the peer's profile with the owner's remark.</param>
/// <param name="GroupProfile">GROUP only: the group's profile.</param>
/// <param name="Stats">Counts and times (ms since the epoch) of the conversation.</param>
public sealed record ConversationProfileAnswer(
    ConversationDto Conversation,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] ConversationUserProfile? UserProfile,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] GroupProfile? GroupProfile,
    ConversationStats Stats);

/// <summary>A C2C peer's profile as the conversation profile shows it (SPEC 4.1): the stored profile and the owner's remark.</summary>
/// <param name="UserID">The peer.</param>
/// <param name="Nickname">Display name, or null.</param>
/// <param name="FaceUrl">Avatar URL, or null.</param>
/// <param name="SelfSignature">Status line, or null.</param>
/// <param name="Remark">The owner's friend remark for the peer (at most 96 bytes), or null.</param>
public sealed record ConversationUserProfile(string UserID, string? Nickname, string? FaceUrl, string? SelfSignature, string? Remark)
{
    /// <summary>The stored <paramref name="profile"/> with the owner's <paramref name="remark"/>.</summary>
    public static ConversationUserProfile Of(UserProfile profile, string? remark) =>
        new(profile.UserID, profile.Nickname, profile.FaceUrl, profile.SelfSignature, remark);
}

/// <summary>The answer of <c>…/unread</c> (SPEC 4.1, <c>getTotalUnreadMessageCount()</c>); also the change feed's <c>totalUnreadChanged</c> item.</summary>
/// <param name="TotalUnreadCount">The sum of unreadCount over conversations whose recvOpt is RECEIVE (narrowed by the list's filters).</param>
public sealed record TotalUnreadAnswer(long TotalUnreadCount);
