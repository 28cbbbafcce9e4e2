using System.Text.Json.Serialization;
using ConversationActors.Client.Model;

namespace ConversationActors.Client.Requests;

/// <summary>
/// A message for <c>POST /v1/users/{userID}/conversations/{conversationID}/messages</c> (SPEC 4.2). Properties left
/// null are not sent, so the server's defaults apply.
/// </summary>
public record NewMessage
{
    /// <summary>The message ID (1..128 characters, no whitespace or <c>/</c>); the idempotency key.</summary>
    public required string MsgID { get; init; }

    /// <summary>The sender's userID; the owner's own messages do not count as unread.</summary>
    public required string SenderID { get; init; }

    /// <summary>When it was sent, ms since the Unix epoch (&gt; 0, at most 5 minutes ahead of server time).</summary>
    public required long Timestamp { get; init; }

    /// <summary>The summary text shown in lists (0..512 characters).</summary>
    public required string Summary { get; init; }

    /// <summary>The element type; null: TEXT.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ElemType? ElemType { get; init; }

    /// <summary>Users it @-mentions (at most 100); a mention of the owner adds a groupAtInfoList entry.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? AtUserIDs { get; init; }

    /// <summary>Whether it @-mentions everyone; null: false.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? AtAll { get; init; }

    /// <summary>The group's type (groups only); null keeps the stored one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GroupType? GroupType { get; init; }

    /// <summary>False: an incoming message that does not add to unread; null: true.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? CountsUnread { get; init; }
}

/// <summary>
/// A message for the fan-out <c>POST /v1/messages</c> (SPEC 4.2): the fields of <see cref="NewMessage"/> and exactly
/// one target, <see cref="ReceiverID"/> (C2C) or <see cref="GroupID"/> with <see cref="MemberIDs"/>.
/// </summary>
public sealed record FanOutMessage : NewMessage
{
    /// <summary>C2C: the receiver; the message goes to the sender's and the receiver's sets.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReceiverID { get; init; }

    /// <summary>Group: the group ID (without the <c>GROUP</c> prefix); requires <see cref="MemberIDs"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? GroupID { get; init; }

    /// <summary>Group: the members whose sets get the message (1..1,000); the sender's only if listed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? MemberIDs { get; init; }
}
