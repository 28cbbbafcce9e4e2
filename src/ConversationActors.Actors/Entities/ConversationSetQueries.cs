using ConversationActors.Actors.Protocol;
using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.State;

namespace ConversationActors.Actors.Entities;

/// <summary>
/// The answers a conversation-set entity gives from its durable state (SPEC 4.2), judged at the server time
/// <c>now</c> (ms since epoch) with the node's retention: plain functions, so the entity only routes to them.
/// </summary>
public static class ConversationSetQueries
{
    /// <summary>The answer to a query message, or null when <paramref name="query"/> is not one of these.</summary>
    public static IClusterMessage? Answer(object query, ConversationSet state, long now, long retentionMs) => query switch
    {
        GetConversationPage q => new PageAnswer(ListQueries.Page(state, q.From, q.Count, now, retentionMs, q.Filter, ListQueries.ScanBudget(q.Filter, q.Count))),
        GetConversationBatch q => new BatchAnswer(ListQueries.Batch(state, q.ConversationIDs, now, retentionMs)),
        GetConversation q => new ConversationAnswer(
            ListQueries.Get(state, q.ConversationID, now, retentionMs),
            q.WithStats ? ListQueries.Stats(state, q.ConversationID, now, retentionMs) : null),
        GetTotalUnread q => new TotalUnreadAnswer(ListQueries.TotalUnread(state, now, retentionMs, q.Filter)),
        GetConversationGroups => new ConversationGroupsAnswer(state.ConversationGroups.ToArray()),
        _ => null,
    };

    /// <summary>The conversation an action answers with (SPEC 4.2): the one it touched, as it is now; none for a fan-out delivery.</summary>
    public static ConversationView? ViewAfter(UserCommand message, ConversationSet state, long now, long retentionMs) =>
        message.DeliveryOnly ? null : TouchedBy(message.Command) is { } id ? ListQueries.Get(state, id, now, retentionMs) : null;

    private static string? TouchedBy(IConversationCommand command) => command switch
    {
        SetFriendRemark remark => ConversationId.C2C(remark.PeerID).Value,
        AddMessage c => c.ConversationID.Value,
        RevokeMessage c => c.ConversationID.Value,
        SetDraft c => c.ConversationID.Value,
        SetPinned c => c.ConversationID.Value,
        SetRecvOpt c => c.ConversationID.Value,
        MarkRead c => c.ConversationID.Value,
        ClearHistory c => c.ConversationID.Value,
        _ => null,
    };
}
