using System.Globalization;
using ConversationActors.Client.Model;
using ConversationActors.Client.Requests;

namespace ConversationActors.Client;

public sealed partial class ConversationActorsClient
{
    /// <summary>
    /// <c>getConversationList()</c>: the whole list (<c>GET /v1/users/{userID}/conversations</c>), pinned first, then by
    /// orderKey descending; <c>isFinished</c> is true. Hidden conversations (mark 8) are left out unless the filter asks for them.
    /// </summary>
    /// <param name="userID">The owner.</param>
    /// <param name="filter">Optional filters (type, markType, conversationGroup, hasUnread, hasAt).</param>
    /// <param name="asOf">Optional time travel (admin only).</param>
    /// <param name="ct">Cancels the call.</param>
    /// <exception cref="ConversationActorsException">6017 for a malformed userID or filter; 401/403 without the right token.</exception>
    public Task<ConversationListResult> GetConversationListAsync(string userID, ConversationFilter? filter = null, AsOf? asOf = null, CancellationToken ct = default) =>
        SendAsync<ConversationListResult>(HttpMethod.Get, WithQuery(User(userID) + "/conversations", Query(filter, asOf)), null, ct);

    /// <summary>
    /// <c>getConversationList(nextSeq, count)</c> (Flutter): one page. Start with <c>"0"</c>, then pass the answer's
    /// <see cref="ConversationListResult.NextSeq"/> until <see cref="ConversationListResult.IsFinished"/>.
    /// </summary>
    /// <param name="userID">The owner.</param>
    /// <param name="nextSeq">The opaque cursor; <c>"0"</c> starts.</param>
    /// <param name="count">Page size, 1..500 (server default 100).</param>
    /// <param name="filter">Optional filters; a filtered page may hold fewer than <paramref name="count"/> items and still not be finished.</param>
    /// <param name="asOf">Optional time travel (admin only).</param>
    /// <param name="ct">Cancels the call.</param>
    /// <exception cref="ConversationActorsException">6017 for a count out of range or a malformed, tampered or other user's cursor.</exception>
    public Task<ConversationListResult> GetConversationListPageAsync(string userID, string nextSeq = "0", int? count = null, ConversationFilter? filter = null, AsOf? asOf = null, CancellationToken ct = default)
    {
        var query = new List<KeyValuePair<string, string>> { new("nextSeq", nextSeq) };
        if (count is { } n)
        {
            query.Add(new("count", n.ToString(CultureInfo.InvariantCulture)));
        }

        query.AddRange(Query(filter, asOf));
        return SendAsync<ConversationListResult>(HttpMethod.Get, WithQuery(User(userID) + "/conversations", query), null, ct);
    }

    /// <summary>
    /// <c>getConversationList([id1, id2])</c>: the named conversations that exist, in the order asked, each once
    /// (<c>POST .../conversations/batch</c>). Flutter forms (<c>c2c_bob</c>) are accepted; answers use canonical IDs.
    /// </summary>
    /// <param name="userID">The owner.</param>
    /// <param name="conversationIDList">1..100 conversation IDs.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <exception cref="ConversationActorsException">6017 for an empty list, more than 100 IDs or a malformed ID.</exception>
    public async Task<IReadOnlyList<Conversation>> GetConversationListAsync(string userID, IReadOnlyList<string> conversationIDList, CancellationToken ct = default) =>
        (await SendAsync<ListOnly>(HttpMethod.Post, User(userID) + "/conversations/batch", new { conversationIDList }, ct)).ConversationList;

    /// <summary><c>getConversation(id)</c>: one conversation (<c>GET .../conversations/{conversationID}</c>).</summary>
    /// <param name="userID">The owner.</param>
    /// <param name="conversationID">Canonical or Flutter form; percent-encoded by the client.</param>
    /// <param name="asOf">Optional time travel (admin only).</param>
    /// <param name="ct">Cancels the call.</param>
    /// <exception cref="ConversationActorsException">6004 (HTTP 404) when it does not exist (or has expired); 6017 for a malformed ID.</exception>
    public Task<Conversation> GetConversationAsync(string userID, string conversationID, AsOf? asOf = null, CancellationToken ct = default) =>
        SendAsync<Conversation>(HttpMethod.Get, WithQuery(Conv(userID, conversationID), Query(null, asOf)), null, ct);

    /// <summary><c>getConversationProfile(id)</c>: the conversation with the current user or group profile and its stats.</summary>
    /// <param name="userID">The owner.</param>
    /// <param name="conversationID">Canonical or Flutter form.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <exception cref="ConversationActorsException">6004 (HTTP 404) when it does not exist; 6017 for a malformed ID.</exception>
    public Task<ConversationProfile> GetConversationProfileAsync(string userID, string conversationID, CancellationToken ct = default) =>
        SendAsync<ConversationProfile>(HttpMethod.Get, Conv(userID, conversationID) + "/profile", null, ct);

    /// <summary><c>getTotalUnreadMessageCount()</c>: the sum of unreadCount over conversations whose recvOpt is RECEIVE.</summary>
    /// <param name="userID">The owner.</param>
    /// <param name="filter">Optional filters narrowing the sum.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <exception cref="ConversationActorsException">6017 for a malformed userID or filter.</exception>
    public async Task<int> GetTotalUnreadMessageCountAsync(string userID, ConversationFilter? filter = null, CancellationToken ct = default) =>
        (await SendAsync<UnreadAnswer>(HttpMethod.Get, WithQuery(User(userID) + "/unread", Query(filter, null)), null, ct)).TotalUnreadCount;

    private static IEnumerable<KeyValuePair<string, string>> Query(ConversationFilter? filter, AsOf? asOf) =>
        (filter?.ToQuery() ?? []).Concat(asOf is null ? [] : [asOf.ToQuery()]);
}
