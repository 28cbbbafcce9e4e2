using System.Globalization;

namespace ConversationActors.TestSupport.Torture;

/// <summary>The reads and the conversation actions of <see cref="WorkloadGenerator"/>.</summary>
public sealed partial class WorkloadGenerator
{
    private static readonly ulong[] MarkTypes = [1, 2, 4, 1UL << 32];
    private static readonly string[] RecvOpts = ["RECEIVE", "NOT_RECEIVE", "RECEIVE_NOT_NOTIFY"];
    private static readonly string[] Scopes = ["", "c2c", "group"];

    private PlannedRequest Action(OperationKind kind, long id, string user, long now)
    {
        var conversationID = Conversation(user, now);
        var path = ConversationPath(user, conversationID);
        var list = UserPath(user) + "/conversations";
        PlannedRequest Request(HttpMethod method, string requestPath, object? body = null) =>
            new(id, kind, method, requestPath, body is null ? null : Body(body), user, conversationID);

        return kind switch
        {
            OperationKind.ListAll => Request(HttpMethod.Get, list),
            OperationKind.ListPage => Request(HttpMethod.Get, list + PageQuery(user)),
            OperationKind.Batch => Request(HttpMethod.Post, list + "/batch", new { conversationIDList = Conversations(user, now, 4) }),
            OperationKind.GetConversation => Request(HttpMethod.Get, path),
            OperationKind.Unread => Request(HttpMethod.Get, UserPath(user) + "/unread"),
            OperationKind.Pin => Request(HttpMethod.Put, path + "/pin", new { isPinned = true }),
            OperationKind.Unpin => Request(HttpMethod.Put, path + "/pin", new { isPinned = false }),
            // A few texts only, so that setting the draft a conversation already has (no change) happens too.
            OperationKind.SetDraft => Request(HttpMethod.Put, path + "/draft", new { draftText = Pick("draft one", "draft two", "draft three") }),
            OperationKind.ClearDraft => Request(HttpMethod.Delete, path + "/draft"),
            OperationKind.Mark => Request(HttpMethod.Put, list + "/marks", new
            {
                conversationIDList = Conversations(user, now, 3),
                markType = MarkTypes[_random.Next(MarkTypes.Length)],
                enable = _random.Next(3) > 0,
            }),
            OperationKind.MarkRead => _random.Next(2) == 0
                ? Request(HttpMethod.Post, path + "/read")
                : Request(HttpMethod.Post, path + "/read", new { upToTimestamp = now - _random.Next(0, 3000) }),
            OperationKind.CleanUnread => Request(HttpMethod.Post, list + "/read", new { conversationID = Scopes[_random.Next(Scopes.Length)] }),
            OperationKind.SetRecvOpt => Request(HttpMethod.Put, path + "/recvOpt", new { recvOpt = RecvOpts[_random.Next(RecvOpts.Length)] }),
            OperationKind.ClearHistory => Request(HttpMethod.Post, path + "/clearHistory"),
            OperationKind.DeleteConversation => Request(HttpMethod.Delete, path),
            OperationKind.DeleteConversations => Request(HttpMethod.Post, list + "/delete", new
            {
                conversationIDList = Conversations(user, now, 2),
                clearHistory = _random.Next(2) == 0,
            }),
            OperationKind.Revoke => Revoke(id, user, conversationID, path),
            OperationKind.SetRemark => Remark(id, user, now),
            OperationKind.SetCustomData => Request(HttpMethod.Put, list + "/customData", new
            {
                conversationIDList = Conversations(user, now, 2),
                customData = Pick("", "custom one", "custom two"),
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an action"),
        };
    }

    /// <summary>A revoke of one of the latest messages sent into the conversation (or of an unknown msgID: no change).</summary>
    private PlannedRequest Revoke(long id, string user, string conversationID, string path)
    {
        var msgID = _memory.RecentMessage(_random, user, conversationID) ?? "never-sent";
        var body = _random.Next(2) == 0 ? null : Body(new { revokerID = user });
        return new PlannedRequest(id, OperationKind.Revoke, HttpMethod.Post, path + "/messages/" + Uri.EscapeDataString(msgID) + "/revoke", body, user, conversationID);
    }

    private PlannedRequest Remark(long id, string user, long now)
    {
        var peer = _users.PickAwake(_random, 1, now)[0];
        var body = Body(new { remark = Pick("", "remark one", "remark two") });
        return new PlannedRequest(id, OperationKind.SetRemark, HttpMethod.Put, UserPath(user) + "/friends/" + Uri.EscapeDataString(peer) + "/remark", body, user, "C2C" + peer);
    }

    /// <summary>The query of a page: 1 to 5 conversations, from the top or (half the time) from the user's latest cursor.</summary>
    private string PageQuery(string user)
    {
        var count = _random.Next(1, 6);
        var cursor = _random.Next(2) == 0 ? _memory.Cursor(user) : null;
        return cursor is null
            ? string.Create(CultureInfo.InvariantCulture, $"?count={count}")
            : string.Create(CultureInfo.InvariantCulture, $"?count={count}&nextSeq={Uri.EscapeDataString(cursor)}");
    }

    /// <summary>1 to <paramref name="max"/> distinct conversations of <paramref name="user"/>.</summary>
    private string[] Conversations(string user, long now, int max)
    {
        var count = _random.Next(1, max + 1);
        return [.. Enumerable.Range(0, count).Select(_ => Conversation(user, now)).Distinct(StringComparer.Ordinal)];
    }

    private string Pick(params string[] choices) => choices[_random.Next(choices.Length)];
}
