namespace ConversationActors.Domain.Model;

/// <summary>The newest message of a conversation (SPEC 3.2 <c>lastMessage</c>).</summary>
public sealed record LastMessage(
    string MsgID,
    string SenderID,
    long Timestamp,
    ElemType ElemType,
    string Summary,
    bool IsSelf,
    bool IsRevoked)
{
    public const string RevokedSummary = "[message revoked]";

    /// <summary>SPEC 3.3: newer means a later timestamp, then the ordinally greater msgID.</summary>
    public bool IsOlderThan(long timestamp, string msgID) =>
        Timestamp < timestamp || (Timestamp == timestamp && string.CompareOrdinal(MsgID, msgID) < 0);
}
