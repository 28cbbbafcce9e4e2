using ConversationActors.Client.Model;

namespace ConversationActors.Client;

public sealed partial class ConversationActorsClient
{
    /// <summary><c>markConversation</c>: set (enable) or clear one mark on 1..100 conversations.</summary>
    /// <param name="userID">The owner.</param>
    /// <param name="conversationIDList">1..100 conversation IDs.</param>
    /// <param name="markType">One mark: 1 STAR, 2 UNREAD, 4 FOLD, 8 HIDE, or a power of two from 2^32 to 2^63.</param>
    /// <param name="enable">True sets it, false clears it.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>One result per distinct ID (resultCode 6004 for a missing conversation).</returns>
    /// <exception cref="ConversationActorsException">6017 for a bad list or a markType that is not one mark.</exception>
    public Task<IReadOnlyList<ConversationOperationResult>> MarkConversationAsync(string userID, IReadOnlyList<string> conversationIDList, ulong markType, bool enable, CancellationToken ct = default) =>
        ResultsAsync(HttpMethod.Put, User(userID) + "/conversations/marks", new { conversationIDList, markType, enable }, ct);

    /// <summary><c>setConversationCustomData</c>: the custom data of 1..100 conversations; empty or null clears it.</summary>
    /// <param name="userID">The owner.</param>
    /// <param name="conversationIDList">1..100 conversation IDs.</param>
    /// <param name="customData">At most 256 bytes of UTF-8.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>One result per distinct ID.</returns>
    /// <exception cref="ConversationActorsException">6017 for a bad list or data over 256 bytes.</exception>
    public Task<IReadOnlyList<ConversationOperationResult>> SetConversationCustomDataAsync(string userID, IReadOnlyList<string> conversationIDList, string? customData, CancellationToken ct = default) =>
        ResultsAsync(HttpMethod.Put, User(userID) + "/conversations/customData", new { conversationIDList, customData }, ct);

    /// <summary><c>deleteConversationList</c>: delete 1..100 conversations, clearing their history first when asked.</summary>
    /// <param name="userID">The owner.</param>
    /// <param name="conversationIDList">1..100 conversation IDs.</param>
    /// <param name="clearHistory">Clear each one's history first.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>One result per distinct ID.</returns>
    /// <exception cref="ConversationActorsException">6017 for a bad list.</exception>
    public Task<IReadOnlyList<ConversationOperationResult>> DeleteConversationListAsync(string userID, IReadOnlyList<string> conversationIDList, bool clearHistory = false, CancellationToken ct = default) =>
        ResultsAsync(HttpMethod.Post, User(userID) + "/conversations/delete", new { conversationIDList, clearHistory }, ct);

    /// <summary>
    /// <c>cleanConversationUnreadMessageCount</c>: clean unread of one conversation, of every C2C one (<c>"c2c"</c>),
    /// every group (<c>"group"</c>) or all (<c>""</c>), optionally only up to a timestamp.
    /// </summary>
    /// <param name="userID">The owner.</param>
    /// <param name="conversationID">A conversation ID, <c>"c2c"</c>, <c>"group"</c> or <c>""</c>.</param>
    /// <param name="upToTimestamp">Optional bound, ms since the Unix epoch (inclusive).</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The IDs of the conversations cleaned.</returns>
    /// <exception cref="ConversationActorsException">6017 for a malformed target; 6004 for a missing single conversation.</exception>
    public async Task<IReadOnlyList<string>> CleanConversationUnreadMessageCountAsync(string userID, string conversationID, long? upToTimestamp = null, CancellationToken ct = default) =>
        (await SendAsync<CleanedAnswer>(HttpMethod.Post, User(userID) + "/conversations/read", new { conversationID, upToTimestamp }, ct)).ConversationIDList;

    /// <summary><c>getConversationGroupList</c>: the user's conversation group names, in creation order.</summary>
    /// <param name="userID">The owner.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <exception cref="ConversationActorsException">6017 for a malformed userID.</exception>
    public async Task<IReadOnlyList<string>> GetConversationGroupListAsync(string userID, CancellationToken ct = default) =>
        (await SendAsync<GroupsAnswer>(HttpMethod.Get, User(userID) + "/conversationGroups", null, ct)).ConversationGroupList;

    /// <summary><c>createConversationGroup</c>: a new group (name 1-32 bytes, at most 20 per user) holding 1..100 conversations.</summary>
    /// <param name="userID">The owner.</param>
    /// <param name="groupName">The new group's name.</param>
    /// <param name="conversationIDList">1..100 conversation IDs.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>One result per distinct ID.</returns>
    /// <exception cref="ConversationActorsException">6017 for a bad or existing name, the 21st group, or a bad list.</exception>
    public Task<IReadOnlyList<ConversationOperationResult>> CreateConversationGroupAsync(string userID, string groupName, IReadOnlyList<string> conversationIDList, CancellationToken ct = default) =>
        ResultsAsync(HttpMethod.Post, User(userID) + "/conversationGroups", new { groupName, conversationIDList }, ct);

    /// <summary><c>renameConversationGroup</c>: its conversations follow.</summary>
    /// <param name="userID">The owner.</param>
    /// <param name="oldName">The existing name.</param>
    /// <param name="newName">The new name (1-32 bytes, not in use).</param>
    /// <param name="ct">Cancels the call.</param>
    /// <exception cref="ConversationActorsException">6017 for an unknown old name or a bad or taken new one.</exception>
    public Task RenameConversationGroupAsync(string userID, string oldName, string newName, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, User(userID) + "/conversationGroups/" + E(oldName), new { newName }, ct);

    /// <summary><c>deleteConversationGroup</c>: the group goes, its conversations stay.</summary>
    /// <param name="userID">The owner.</param>
    /// <param name="groupName">The group.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <exception cref="ConversationActorsException">6017 for an unknown group.</exception>
    public Task DeleteConversationGroupAsync(string userID, string groupName, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, User(userID) + "/conversationGroups/" + E(groupName), null, ct);

    /// <summary><c>addConversationsToGroup</c>: add 1..100 conversations to a group.</summary>
    /// <param name="userID">The owner.</param>
    /// <param name="groupName">The group.</param>
    /// <param name="conversationIDList">1..100 conversation IDs.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>One result per distinct ID.</returns>
    /// <exception cref="ConversationActorsException">6017 for an unknown group or a bad list.</exception>
    public Task<IReadOnlyList<ConversationOperationResult>> AddConversationsToGroupAsync(string userID, string groupName, IReadOnlyList<string> conversationIDList, CancellationToken ct = default) =>
        ResultsAsync(HttpMethod.Post, User(userID) + "/conversationGroups/" + E(groupName) + "/conversations", new { conversationIDList }, ct);

    /// <summary><c>deleteConversationsFromGroup</c>: take 1..100 conversations out of a group.</summary>
    /// <param name="userID">The owner.</param>
    /// <param name="groupName">The group.</param>
    /// <param name="conversationIDList">1..100 conversation IDs.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>One result per distinct ID.</returns>
    /// <exception cref="ConversationActorsException">6017 for an unknown group or a bad list.</exception>
    public Task<IReadOnlyList<ConversationOperationResult>> DeleteConversationsFromGroupAsync(string userID, string groupName, IReadOnlyList<string> conversationIDList, CancellationToken ct = default) =>
        ResultsAsync(HttpMethod.Post, User(userID) + "/conversationGroups/" + E(groupName) + "/conversations/delete", new { conversationIDList }, ct);

    private async Task<IReadOnlyList<ConversationOperationResult>> ResultsAsync(HttpMethod method, string path, object body, CancellationToken ct) =>
        (await SendAsync<ResultsAnswer>(method, path, body, ct)).ResultList;
}
