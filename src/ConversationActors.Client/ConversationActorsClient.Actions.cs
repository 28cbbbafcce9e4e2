using ConversationActors.Client.Model;

namespace ConversationActors.Client;

public sealed partial class ConversationActorsClient
{
    /// <summary><c>setConversationDraft</c>: a non-empty text sets the draft (kept on the server) and activates; empty or null clears it.</summary>
    /// <param name="userID">The owner.</param>
    /// <param name="conversationID">The conversation; a non-empty draft creates a missing one.</param>
    /// <param name="draftText">At most 8 KiB of UTF-8; null or empty clears.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The conversation after the write.</returns>
    /// <exception cref="ConversationActorsException">6017 for a draft over 8 KiB; 6004 when clearing on a missing conversation.</exception>
    public async Task<Conversation> SetConversationDraftAsync(string userID, string conversationID, string? draftText, CancellationToken ct = default) =>
        (await SendAsync<ConversationAnswer>(HttpMethod.Put, Conv(userID, conversationID) + "/draft", new { draftText }, ct)).Conversation;

    /// <summary>Clears the draft (<c>DELETE .../draft</c>); no activation.</summary>
    /// <param name="userID">The owner.</param>
    /// <param name="conversationID">The conversation.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The conversation after the write.</returns>
    /// <exception cref="ConversationActorsException">6004 when the conversation does not exist.</exception>
    public async Task<Conversation> ClearConversationDraftAsync(string userID, string conversationID, CancellationToken ct = default) =>
        (await SendAsync<ConversationAnswer>(HttpMethod.Delete, Conv(userID, conversationID) + "/draft", null, ct)).Conversation;

    /// <summary><c>pinConversation</c>: pin (activates; creates a missing conversation) or unpin.</summary>
    /// <param name="userID">The owner.</param>
    /// <param name="conversationID">The conversation.</param>
    /// <param name="isPinned">True to pin.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The conversation after the write.</returns>
    /// <exception cref="ConversationActorsException">6004 when unpinning a missing conversation.</exception>
    public async Task<Conversation> PinConversationAsync(string userID, string conversationID, bool isPinned, CancellationToken ct = default) =>
        (await SendAsync<ConversationAnswer>(HttpMethod.Put, Conv(userID, conversationID) + "/pin", new { isPinned }, ct)).Conversation;

    /// <summary><c>setConversationReceiveMessageOpt</c>: how messages are received; the existing unread count stays.</summary>
    /// <param name="userID">The owner.</param>
    /// <param name="conversationID">The conversation.</param>
    /// <param name="recvOpt">The new option.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The conversation after the write.</returns>
    /// <exception cref="ConversationActorsException">6004 when the conversation does not exist.</exception>
    public async Task<Conversation> SetConversationRecvOptAsync(string userID, string conversationID, RecvOpt recvOpt, CancellationToken ct = default) =>
        (await SendAsync<ConversationAnswer>(HttpMethod.Put, Conv(userID, conversationID) + "/recvOpt", new { recvOpt }, ct)).Conversation;

    /// <summary><c>markConversationRead</c>: clears unread and @ entries, all or up to a timestamp (inclusive).</summary>
    /// <param name="userID">The owner.</param>
    /// <param name="conversationID">The conversation.</param>
    /// <param name="upToTimestamp">Optional: clear only messages at or before this time, ms since the Unix epoch.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The conversation after the write.</returns>
    /// <exception cref="ConversationActorsException">6004 when the conversation does not exist.</exception>
    public async Task<Conversation> MarkConversationReadAsync(string userID, string conversationID, long? upToTimestamp = null, CancellationToken ct = default) =>
        (await SendAsync<ConversationAnswer>(HttpMethod.Post, Conv(userID, conversationID) + "/read", upToTimestamp is { } t ? new { upToTimestamp = t } : new { }, ct)).Conversation;

    /// <summary><c>clearHistoryMessage</c>: no lastMessage, no unread, no @ entries; the conversation stays.</summary>
    /// <param name="userID">The owner.</param>
    /// <param name="conversationID">The conversation.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The conversation after the write.</returns>
    /// <exception cref="ConversationActorsException">6004 when the conversation does not exist.</exception>
    public async Task<Conversation> ClearHistoryMessageAsync(string userID, string conversationID, CancellationToken ct = default) =>
        (await SendAsync<ConversationAnswer>(HttpMethod.Post, Conv(userID, conversationID) + "/clearHistory", null, ct)).Conversation;

    /// <summary><c>deleteConversation</c>: removes it; a later (newer) message creates it afresh.</summary>
    /// <param name="userID">The owner.</param>
    /// <param name="conversationID">The conversation.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <exception cref="ConversationActorsException">6004 when the conversation does not exist.</exception>
    public Task DeleteConversationAsync(string userID, string conversationID, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, Conv(userID, conversationID), null, ct);

    /// <summary>The owner's remark for a friend: first in line for the C2C conversation's showName.</summary>
    /// <param name="userID">The owner.</param>
    /// <param name="peerID">The friend.</param>
    /// <param name="remark">The remark; null or empty removes it.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The C2C conversation with the friend after the write.</returns>
    /// <exception cref="ConversationActorsException">6004 when there is no conversation with the friend; 6017 for a malformed ID.</exception>
    public async Task<Conversation> SetFriendRemarkAsync(string userID, string peerID, string? remark, CancellationToken ct = default) =>
        (await SendAsync<ConversationAnswer>(HttpMethod.Put, User(userID) + "/friends/" + E(peerID) + "/remark", new { remark }, ct)).Conversation;
}
