namespace ConversationActors.Client.Model;

// The answers the client unwraps before handing them out (a batch's list, a total, an action's conversation): their
// wire shapes, in Model beside the public ones so the tests hold all of them against the gateway's OpenAPI document.

/// <summary>The data of a batch: <c>{conversationList}</c>.</summary>
internal sealed record ListOnly(IReadOnlyList<Conversation> ConversationList);

/// <summary>The data of <c>…/unread</c>: <c>{totalUnreadCount}</c>.</summary>
internal sealed record UnreadAnswer(int TotalUnreadCount);

/// <summary>The data of an action on one conversation: <c>{conversation}</c>.</summary>
internal sealed record ConversationAnswer(Conversation Conversation);

/// <summary>The data of a multi-conversation write: <c>{resultList}</c>.</summary>
internal sealed record ResultsAnswer(IReadOnlyList<ConversationOperationResult> ResultList);

/// <summary>The data of cleaning unread by scope: <c>{conversationIDList}</c>.</summary>
internal sealed record CleanedAnswer(IReadOnlyList<string> ConversationIDList);

/// <summary>The data of the conversation group list: <c>{conversationGroupList}</c>.</summary>
internal sealed record GroupsAnswer(IReadOnlyList<string> ConversationGroupList);
