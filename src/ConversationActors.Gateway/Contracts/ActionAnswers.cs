using ConversationActors.Domain.Model;
using ConversationActors.Gateway.Rendering;

namespace ConversationActors.Gateway.Contracts;

/// <summary>The answer of an action on one conversation (SPEC 4.2: revoke, draft, pin, recvOpt, read, clearHistory, remark).</summary>
/// <param name="Conversation">The conversation once the event is durable; null when it does not exist (e.g. a remark for a peer without one).</param>
public sealed record ConversationAnswer(ConversationDto? Conversation);

/// <summary>The answer of a message added to one user's set (SPEC 4.2 <c>…/messages</c>).</summary>
/// <param name="Applied">False when the msgID was a duplicate (or of a history already deleted): nothing was recorded.</param>
/// <param name="Conversation">The conversation after the write, or null when it does not exist.</param>
public sealed record MessageAnswer(bool Applied, ConversationDto? Conversation);

/// <summary>The answer of a fan-out (SPEC 4.2 <c>POST /v1/messages</c>): delivered + duplicates = the distinct target sets.</summary>
/// <param name="Delivered">Sets where the message was new.</param>
/// <param name="Duplicates">Sets that already had the msgID.</param>
public sealed record FanOutAnswer(int Delivered, int Duplicates);

/// <summary>
/// The data of a fan-out some of whose writes failed (SPEC 4.2: 503 with STORE_UNAVAILABLE or TIMEOUT); the others were
/// written, and a retry is safe (idempotent by msgID).
/// </summary>
/// <param name="FailedUserIDs">The sets not written, in ordinal order.</param>
/// <param name="Delivered">Sets where the message was new.</param>
/// <param name="Duplicates">Sets that already had the msgID.</param>
public sealed record FanOutFailure(IReadOnlyList<string> FailedUserIDs, int Delivered, int Duplicates);

/// <summary>The answer of a multi-conversation write (issue #10: marks, custom data, delete many, conversation groups).</summary>
/// <param name="ResultList">One result per distinct conversation asked, in the order asked.</param>
public sealed record ResultListAnswer(IReadOnlyList<ConversationResult> ResultList)
{
    /// <summary>The wire form of the entity's results (none: an empty list).</summary>
    public static ResultListAnswer Of(IReadOnlyList<ConversationOperationResult>? results) =>
        new((results ?? []).Select(r => new ConversationResult(r.ConversationID, (int)r.ResultCode, r.ResultInfo)).ToArray());
}

/// <summary>One conversation's outcome in a multi-conversation write, after Tencent's V2TIMConversationOperationResult.</summary>
/// <param name="ConversationID">The canonical conversation ID.</param>
/// <param name="ResultCode">0 on success, else the SPEC code (6004: the conversation does not exist).</param>
/// <param name="ResultInfo">Words about a failure; empty on success.</param>
public sealed record ConversationResult(string ConversationID, int ResultCode, string ResultInfo);

/// <summary>The answer of cleaning unread by scope (<c>POST …/conversations/read</c>).</summary>
/// <param name="ConversationIDList">The conversations whose unread was cleaned.</param>
public sealed record CleanedAnswer(IReadOnlyList<string> ConversationIDList);

/// <summary>The answer of <c>GET …/conversationGroups</c> (<c>getConversationGroupList</c>).</summary>
/// <param name="ConversationGroupList">The user's conversation group names, in creation order.</param>
public sealed record ConversationGroupListAnswer(IReadOnlyList<string> ConversationGroupList);
