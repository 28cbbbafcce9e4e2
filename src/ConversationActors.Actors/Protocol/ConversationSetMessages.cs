using System.Text.Json.Serialization;
using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.Queries;

namespace ConversationActors.Actors.Protocol;

/// <summary>Change a user's conversation set. Answered by <see cref="CommandAccepted"/> or <see cref="CommandRefused"/>.</summary>
/// <param name="DeliveryOnly">
/// A fan-out delivery (SPEC 4.2 <c>POST /v1/messages</c>, issue #13): the answer carries no conversation, since the
/// fan-out answer has none, and its message was checked once by the gateway for every target
/// (<c>Validation.CheckMessage</c>), so the entity does not check it again (issue 27). Absent in messages from older
/// nodes, where it means false.
/// </param>
public sealed record UserCommand(string UserID, IConversationCommand Command, bool DeliveryOnly = false) : IEntityMessage
{
    [JsonIgnore]
    public string EntityID => UserID;
}

/// <summary>A page (or, with <see cref="PagePosition.Start"/> and int.MaxValue, the whole list). Answer: <see cref="PageAnswer"/>.</summary>
/// <remarks>With a non-empty <see cref="Filter"/> (getConversationListByFilter) a page may hold fewer items.</remarks>
public sealed record GetConversationPage(string UserID, PagePosition From, int Count, ConversationFilter? Filter = null) : IEntityMessage
{
    [JsonIgnore]
    public string EntityID => UserID;
}

/// <summary>The named conversations that exist, in the order asked. Answer: <see cref="BatchAnswer"/>.</summary>
public sealed record GetConversationBatch(string UserID, IReadOnlyList<string> ConversationIDs) : IEntityMessage
{
    [JsonIgnore]
    public string EntityID => UserID;
}

/// <summary>One conversation, with its stats when asked. Answer: <see cref="ConversationAnswer"/>.</summary>
public sealed record GetConversation(string UserID, string ConversationID, bool WithStats) : IEntityMessage
{
    [JsonIgnore]
    public string EntityID => UserID;
}

/// <summary>Answer: <see cref="TotalUnreadAnswer"/>; with a filter, the unread of the matching conversations.</summary>
public sealed record GetTotalUnread(string UserID, ConversationFilter? Filter = null) : IEntityMessage
{
    [JsonIgnore]
    public string EntityID => UserID;
}

/// <summary>getConversationGroupList. Answer: <see cref="ConversationGroupsAnswer"/>.</summary>
public sealed record GetConversationGroups(string UserID) : IEntityMessage
{
    [JsonIgnore]
    public string EntityID => UserID;
}

/// <summary>
/// The write was decided and, when <see cref="Applied"/>, durably persisted as event <see cref="SequenceNr"/>.
/// Not applied: a duplicate message or a PUT that changed nothing. A multi-conversation write carries
/// <see cref="Results"/>, one per distinct conversation asked.
/// </summary>
public sealed record CommandAccepted(
    bool Applied, ConversationView? Conversation, long SequenceNr, IReadOnlyList<ConversationOperationResult>? Results = null) : IClusterMessage;

/// <summary>The write was refused or not persisted; nothing changed.</summary>
public sealed record CommandRefused(ErrorCode Code, string Desc) : IClusterMessage;

public sealed record PageAnswer(ConversationPage Page) : IClusterMessage;

public sealed record BatchAnswer(IReadOnlyList<ConversationView> ConversationList) : IClusterMessage;

public sealed record ConversationAnswer(ConversationView? Conversation, ConversationStats? Stats) : IClusterMessage;

public sealed record TotalUnreadAnswer(long TotalUnreadCount) : IClusterMessage;

/// <summary>The owner's conversation group names, in creation order.</summary>
public sealed record ConversationGroupsAnswer(IReadOnlyList<string> ConversationGroupList) : IClusterMessage;
