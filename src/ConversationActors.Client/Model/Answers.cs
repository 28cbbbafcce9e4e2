using System.Text.Json;

namespace ConversationActors.Client.Model;

/// <summary>A list answer: the whole list (<see cref="IsFinished"/> true) or one page (SPEC 4.1).</summary>
/// <param name="ConversationList">The conversations, pinned first, then by orderKey descending.</param>
/// <param name="IsFinished">True when nothing follows this page.</param>
/// <param name="NextSeq">The opaque cursor for the next page; pass it back as <c>nextSeq</c>.</param>
public sealed record ConversationListResult(IReadOnlyList<Conversation> ConversationList, bool IsFinished, string NextSeq);

/// <summary>The detailed profile of one conversation (SPEC 4.1 <c>/profile</c>).</summary>
/// <param name="Conversation">The conversation as the list renders it.</param>
/// <param name="UserProfile">The peer's current profile (C2C only), with the owner's remark.</param>
/// <param name="GroupProfile">The group's current profile (GROUP only).</param>
/// <param name="Stats">Counts and times of the conversation.</param>
public sealed record ConversationProfile(Conversation Conversation, UserProfile? UserProfile, GroupProfile? GroupProfile, ConversationStats Stats);

/// <summary>Per-conversation statistics of the profile answer.</summary>
/// <param name="MessageCount">Applied messages (not reset by clearHistory).</param>
/// <param name="FirstMessageTimestamp">The smallest applied message timestamp, ms since the Unix epoch, or null.</param>
/// <param name="CreatedAt">Server time of the conversation's (re)creation, ms since the Unix epoch.</param>
public sealed record ConversationStats(long MessageCount, long? FirstMessageTimestamp, long CreatedAt);

/// <summary>A user's profile (SPEC 4.1); <see cref="Remark"/> is the asking owner's friend remark (profile answers only).</summary>
/// <param name="UserID">The user.</param>
/// <param name="Nickname">Display name, or null.</param>
/// <param name="FaceUrl">Avatar URL, or null.</param>
/// <param name="SelfSignature">Status line, or null.</param>
/// <param name="Remark">The owner's remark for this user (conversation profile only), or null.</param>
public sealed record UserProfile(string UserID, string? Nickname, string? FaceUrl, string? SelfSignature, string? Remark = null);

/// <summary>A group's profile (SPEC 4.1).</summary>
/// <param name="GroupID">The group.</param>
/// <param name="Name">Group name, or null.</param>
/// <param name="FaceUrl">Avatar URL, or null.</param>
/// <param name="GroupType">Its type, or null.</param>
/// <param name="Introduction">Introduction text, or null.</param>
/// <param name="Notification">Notice text, or null.</param>
/// <param name="OwnerID">The owner's userID, or null.</param>
/// <param name="MemberCount">Member count, or null.</param>
public sealed record GroupProfile(string GroupID, string? Name, string? FaceUrl, GroupType? GroupType, string? Introduction, string? Notification, string? OwnerID, int? MemberCount);

/// <summary>The answer of a message added to one user's set.</summary>
/// <param name="Applied">False when the msgID was a duplicate (or a history the user already deleted): nothing was recorded.</param>
/// <param name="Conversation">The conversation after the write, or null when it does not exist.</param>
public sealed record MessageResult(bool Applied, Conversation? Conversation);

/// <summary>The answer of a fan-out: <c>Delivered + Duplicates</c> = the number of distinct target sets.</summary>
/// <param name="Delivered">Sets where the message was new.</param>
/// <param name="Duplicates">Sets that already had the msgID.</param>
public sealed record FanOutResult(int Delivered, int Duplicates);

/// <summary>One conversation's outcome in a multi-conversation write.</summary>
/// <param name="ConversationID">The canonical conversation ID.</param>
/// <param name="ResultCode">0 on success, else the SPEC code (6004: the conversation does not exist).</param>
/// <param name="ResultInfo">Words about a failure; empty on success.</param>
public sealed record ConversationOperationResult(string ConversationID, int ResultCode, string ResultInfo);

/// <summary>One entry of a user's journal (SPEC 4.3 <c>/events</c>).</summary>
/// <param name="Seq">1, 2, 3, … per user.</param>
/// <param name="Timestamp">Server time of the write, ms since the Unix epoch.</param>
/// <param name="Type">The event's type name, e.g. <c>MessageAdded</c>.</param>
/// <param name="Event">The write's fields as JSON.</param>
public sealed record JournalEntry(long Seq, long Timestamp, string Type, JsonElement Event);
