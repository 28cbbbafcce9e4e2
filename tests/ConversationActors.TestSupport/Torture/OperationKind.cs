namespace ConversationActors.TestSupport.Torture;

/// <summary>Every kind of request the torture workload sends: the SPEC's writes, its reads, and both message ingests.</summary>
public enum OperationKind
{
    /// <summary><c>POST /v1/messages</c> with <c>receiverID</c>: the sender's and the receiver's sets.</summary>
    FanOutC2C,

    /// <summary><c>POST /v1/messages</c> with <c>groupID</c> and <c>memberIDs</c>: each member's set.</summary>
    FanOutGroup,

    /// <summary><c>POST /v1/users/{userID}/conversations/{conversationID}/messages</c>: one user's set.</summary>
    AddMessage,

    /// <summary><c>GET …/conversations</c>: the whole list.</summary>
    ListAll,

    /// <summary><c>GET …/conversations?count=N[&amp;nextSeq=…]</c>: a page, from the start or from the user's last cursor.</summary>
    ListPage,

    /// <summary><c>POST …/conversations/batch</c>.</summary>
    Batch,

    /// <summary><c>GET …/conversations/{conversationID}</c>.</summary>
    GetConversation,

    /// <summary><c>GET /v1/users/{userID}/unread</c>.</summary>
    Unread,

    /// <summary><c>PUT …/pin</c> <c>{"isPinned":true}</c>.</summary>
    Pin,

    /// <summary><c>PUT …/pin</c> <c>{"isPinned":false}</c>.</summary>
    Unpin,

    /// <summary><c>PUT …/draft</c>.</summary>
    SetDraft,

    /// <summary><c>DELETE …/draft</c>.</summary>
    ClearDraft,

    /// <summary><c>PUT …/conversations/marks</c>.</summary>
    Mark,

    /// <summary><c>POST …/{conversationID}/read</c>, everything or up to a timestamp.</summary>
    MarkRead,

    /// <summary><c>POST …/conversations/read</c> with the scope <c>"c2c"</c>, <c>"group"</c> or <c>""</c>.</summary>
    CleanUnread,

    /// <summary><c>PUT …/recvOpt</c>.</summary>
    SetRecvOpt,

    /// <summary><c>POST …/clearHistory</c>.</summary>
    ClearHistory,

    /// <summary><c>DELETE …/conversations/{conversationID}</c>.</summary>
    DeleteConversation,

    /// <summary><c>POST …/conversations/delete</c>.</summary>
    DeleteConversations,

    /// <summary><c>POST …/messages/{msgID}/revoke</c>.</summary>
    Revoke,

    /// <summary><c>PUT /v1/users/{userID}/friends/{peerID}/remark</c>.</summary>
    SetRemark,

    /// <summary><c>PUT …/conversations/customData</c>.</summary>
    SetCustomData,
}

/// <summary>What the checker needs to know about a kind.</summary>
public static class OperationKinds
{
    /// <summary>True for the kinds that add a message (they carry a msgID that must reach the journal exactly once).</summary>
    public static bool AddsMessage(this OperationKind kind) => kind is OperationKind.FanOutC2C or OperationKind.FanOutGroup or OperationKind.AddMessage;

    /// <summary>True for the kinds that change nothing.</summary>
    public static bool IsRead(this OperationKind kind) =>
        kind is OperationKind.ListAll or OperationKind.ListPage or OperationKind.Batch or OperationKind.GetConversation or OperationKind.Unread;

    /// <summary>True for the answers in list order (pinned first, then orderKey descending), checked as they come.</summary>
    public static bool AnswersInListOrder(this OperationKind kind) => kind is OperationKind.ListAll or OperationKind.ListPage;

    /// <summary>
    /// True for the kinds that act on a conversation that must exist, so 6004 (HTTP 404) is a fair answer when no write
    /// created it (yet, or since its deletion).
    /// </summary>
    public static bool MayFindNoConversation(this OperationKind kind) =>
        kind is OperationKind.GetConversation or OperationKind.Unpin or OperationKind.ClearDraft or OperationKind.MarkRead or OperationKind.SetRecvOpt
            or OperationKind.ClearHistory or OperationKind.DeleteConversation or OperationKind.Revoke;
}
