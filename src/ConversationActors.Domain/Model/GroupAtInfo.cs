namespace ConversationActors.Domain.Model;

/// <summary>An @-mention of the owner or of everyone (SPEC 3.2 <c>groupAtInfoList</c> entry).</summary>
public sealed record GroupAtInfo(string MsgID, AtType AtType);
