using System.Globalization;
using ConversationActors.Client.Model;
using ConversationActors.Client.Requests;

namespace ConversationActors.Client;

public sealed partial class ConversationActorsClient
{
    /// <summary>
    /// Ingest (admin): a message sent or received in one user's conversation; creates the conversation if absent.
    /// Retried on 503 with backoff (idempotent by msgID).
    /// </summary>
    /// <param name="userID">The owner of the set written.</param>
    /// <param name="conversationID">The conversation in that set.</param>
    /// <param name="message">The message.</param>
    /// <param name="ct">Cancels the call (and its retries).</param>
    /// <returns><c>applied: false</c> for a duplicate msgID; the conversation after the write (null if it does not exist).</returns>
    /// <exception cref="ConversationActorsException">6017 for a bad field (named in desc); 50005/50004 after the retries.</exception>
    public Task<MessageResult> AddMessageAsync(string userID, string conversationID, NewMessage message, CancellationToken ct = default) =>
        SendAsync<MessageResult>(HttpMethod.Post, Conv(userID, conversationID) + "/messages", message, ct, idempotentIngest: true);

    /// <summary>
    /// Fan-out (admin, <c>POST /v1/messages</c>): one message to the sender's and receiver's sets (C2C) or to each
    /// listed group member's set. Retried on 503 with backoff (idempotent by msgID).
    /// </summary>
    /// <param name="message">The message with exactly one target.</param>
    /// <param name="ct">Cancels the call (and its retries).</param>
    /// <returns>Delivered and duplicate counts.</returns>
    /// <exception cref="ConversationActorsException">6017 for a bad field or target; 50004/50005 after the retries, with
    /// <see cref="ConversationActorsException.Data"/> = <c>{failedUserIDs, delivered, duplicates}</c>.</exception>
    public Task<FanOutResult> FanOutMessageAsync(FanOutMessage message, CancellationToken ct = default) =>
        SendAsync<FanOutResult>(HttpMethod.Post, "v1/messages", message, ct, idempotentIngest: true);

    /// <summary>Revoke (admin): shown when the message is the lastMessage; its @ entry leaves groupAtInfoList. An unknown msgID changes nothing.</summary>
    /// <param name="userID">The owner.</param>
    /// <param name="conversationID">The conversation.</param>
    /// <param name="msgID">The message.</param>
    /// <param name="revokerID">Optional: who revoked it (recorded for audit).</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The conversation after the write.</returns>
    /// <exception cref="ConversationActorsException">6004 when the conversation does not exist.</exception>
    public async Task<Conversation> RevokeMessageAsync(string userID, string conversationID, string msgID, string? revokerID = null, CancellationToken ct = default) =>
        (await SendAsync<ConversationAnswer>(HttpMethod.Post, Conv(userID, conversationID) + "/messages/" + E(msgID) + "/revoke", revokerID is null ? null : new { revokerID }, ct)).Conversation;

    /// <summary>Puts (merges) a user's profile (admin); the names and avatars lists show come from here.</summary>
    /// <param name="userID">The user.</param>
    /// <param name="update">The fields to change.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The stored profile.</returns>
    /// <exception cref="ConversationActorsException">6017 for a bad field.</exception>
    public Task<UserProfile> SetUserProfileAsync(string userID, UserProfileUpdate update, CancellationToken ct = default) =>
        SendAsync<UserProfile>(HttpMethod.Put, "v1/profiles/users/" + E(userID), update, ct);

    /// <summary>A user's stored profile (admin).</summary>
    /// <param name="userID">The user.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <exception cref="ConversationActorsException">6017 for a malformed userID.</exception>
    public Task<UserProfile> GetUserProfileAsync(string userID, CancellationToken ct = default) =>
        SendAsync<UserProfile>(HttpMethod.Get, "v1/profiles/users/" + E(userID), null, ct);

    /// <summary>Puts (merges) a group's profile (admin).</summary>
    /// <param name="groupID">The group (without the <c>GROUP</c> prefix).</param>
    /// <param name="update">The fields to change.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The stored profile.</returns>
    /// <exception cref="ConversationActorsException">6017 for a bad field.</exception>
    public Task<GroupProfile> SetGroupProfileAsync(string groupID, GroupProfileUpdate update, CancellationToken ct = default) =>
        SendAsync<GroupProfile>(HttpMethod.Put, "v1/profiles/groups/" + E(groupID), update, ct);

    /// <summary>A group's stored profile (admin).</summary>
    /// <param name="groupID">The group.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <exception cref="ConversationActorsException">6017 for a malformed groupID.</exception>
    public Task<GroupProfile> GetGroupProfileAsync(string groupID, CancellationToken ct = default) =>
        SendAsync<GroupProfile>(HttpMethod.Get, "v1/profiles/groups/" + E(groupID), null, ct);

    /// <summary>The user's journal (admin, audit): entries from <paramref name="fromSeq"/>, at most <paramref name="limit"/>.</summary>
    /// <param name="userID">The owner.</param>
    /// <param name="fromSeq">The first seq wanted (1 or more).</param>
    /// <param name="limit">1..1000.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <exception cref="ConversationActorsException">6017 for a bad range.</exception>
    public Task<IReadOnlyList<JournalEntry>> GetEventsAsync(string userID, long fromSeq = 1, int limit = 1000, CancellationToken ct = default) =>
        SendAsync<IReadOnlyList<JournalEntry>>(HttpMethod.Get, WithQuery(User(userID) + "/events", [
            new("fromSeq", fromSeq.ToString(CultureInfo.InvariantCulture)), new("limit", limit.ToString(CultureInfo.InvariantCulture))]), null, ct);

    /// <summary>The cluster (admin): members, leader, and shards and entities per node.</summary>
    /// <param name="ct">Cancels the call.</param>
    public Task<ClusterStatus> GetClusterStatusAsync(CancellationToken ct = default) =>
        SendAsync<ClusterStatus>(HttpMethod.Get, "v1/admin/cluster", null, ct);
}
