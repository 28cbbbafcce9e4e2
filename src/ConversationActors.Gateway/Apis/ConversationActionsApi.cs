using ConversationActors.Domain.Commands;
using ConversationActors.Gateway.Contracts;
using ConversationActors.Gateway.Http;
using ConversationActors.Gateway.Security;

namespace ConversationActors.Gateway.Apis;

/// <summary>
/// SPEC 4.2: what a user does to a conversation. Each answers <c>{conversation}</c> once the event is durable.
/// The client actions allow the owner's token; revoke comes from the chat backend, so it stays admin-only.
/// </summary>
public static class ConversationActionsApi
{
    public static IEndpointRouteBuilder MapConversationActionsApi(this IEndpointRouteBuilder app)
    {
        var conversation = app.MapGroup("/v1/users/{userID}/conversations/{conversationID}").WithTags("Conversation actions");

        conversation.MapPost("/messages/{msgID}/revoke", async (string userID, string conversationID, string msgID, HttpRequest request, ApiContext api, CancellationToken ct) =>
            {
                var id = RouteArgs.Conversation(conversationID);
                var msg = RouteArgs.Id("msgID", msgID);
                var body = await api.OptionalBodyAsync<RevokeRequest>(request, ct);
                return await ExecuteAsync(api, userID, new RevokeMessage(id, msg, body?.RevokerID), ct);
            })
            .WithName("RevokeMessage").WithSummary("Revoke a message; shown when it is the lastMessage. Optional body {revokerID} is recorded for audit.")
            .AcceptsJson<RevokeRequest>();

        conversation.MapPut("/draft", async (string userID, string conversationID, HttpRequest request, ApiContext api, CancellationToken ct) =>
            {
                var id = RouteArgs.Conversation(conversationID);
                var body = await api.BodyAsync<DraftRequest>(request, ct);
                return await ExecuteAsync(api, userID, new SetDraft(id, body.DraftText), ct);
            })
            .AllowOwner().WithName("SetConversationDraft").WithSummary("Set the draft (stored on the server); empty text clears it.")
            .AcceptsJson<DraftRequest>();

        conversation.MapDelete("/draft", async (string userID, string conversationID, ApiContext api, CancellationToken ct) =>
                await ExecuteAsync(api, userID, new SetDraft(RouteArgs.Conversation(conversationID), null), ct))
            .AllowOwner().WithName("ClearConversationDraft").WithSummary("Clear the draft.");

        conversation.MapPut("/pin", async (string userID, string conversationID, HttpRequest request, ApiContext api, CancellationToken ct) =>
            {
                var id = RouteArgs.Conversation(conversationID);
                var body = await api.BodyAsync<PinRequest>(request, ct);
                return await ExecuteAsync(api, userID, new SetPinned(id, body.IsPinned), ct);
            })
            .AllowOwner().WithName("PinConversation").WithSummary("Pin (activates, creates if missing) or unpin.")
            .AcceptsJson<PinRequest>();

        conversation.MapPut("/recvOpt", async (string userID, string conversationID, HttpRequest request, ApiContext api, CancellationToken ct) =>
            {
                var id = RouteArgs.Conversation(conversationID);
                var body = await api.BodyAsync<RecvOptRequest>(request, ct);
                return await ExecuteAsync(api, userID, new SetRecvOpt(id, body.RecvOpt), ct);
            })
            .AllowOwner().WithName("SetReceiveMessageOpt").WithSummary("Set how messages of this conversation are received.")
            .AcceptsJson<RecvOptRequest>();

        conversation.MapPost("/read", async (string userID, string conversationID, HttpRequest request, ApiContext api, CancellationToken ct) =>
            {
                var id = RouteArgs.Conversation(conversationID);
                var body = await api.OptionalBodyAsync<ReadRequest>(request, ct);
                return await ExecuteAsync(api, userID, new MarkRead(id, body?.UpToTimestamp), ct);
            })
            .AllowOwner().WithName("CleanConversationUnreadMessageCount").WithSummary("Mark read, everything or up to a timestamp (inclusive).")
            .AcceptsJson<ReadRequest>();

        conversation.MapPost("/clearHistory", async (string userID, string conversationID, ApiContext api, CancellationToken ct) =>
                await ExecuteAsync(api, userID, new ClearHistory(RouteArgs.Conversation(conversationID)), ct))
            .AllowOwner().WithName("ClearHistoryMessage").WithSummary("Clear the history: no lastMessage, no unread; the conversation stays.");

        conversation.MapDelete("/", async (string userID, string conversationID, ApiContext api, CancellationToken ct) =>
            {
                var id = RouteArgs.Conversation(conversationID);
                ApiContext.Unwrap(await api.Service.ExecuteAsync(RouteArgs.Id("userID", userID), new DeleteConversation(id), ct));
                return Envelope.Ok();
            })
            .AllowOwner().WithName("DeleteConversation").WithSummary("Delete the conversation; a later message creates it afresh.");

        app.MapPut("/v1/users/{userID}/friends/{peerID}/remark", async (string userID, string peerID, HttpRequest request, ApiContext api, CancellationToken ct) =>
            {
                var peer = RouteArgs.Id("peerID", peerID);
                var body = await api.BodyAsync<RemarkRequest>(request, ct);
                return await ExecuteAsync(api, userID, new SetFriendRemark(peer, body.Remark), ct);
            })
            .WithTags("Conversation actions").AllowOwner().WithName("SetFriendRemark").WithSummary("The owner's remark for a friend: first in line for showName.")
            .AcceptsJson<RemarkRequest>();
        return app;
    }

    private static async Task<Answer<ConversationAnswer>> ExecuteAsync(ApiContext api, string userID, IConversationCommand command, CancellationToken ct)
    {
        var accepted = ApiContext.Unwrap(await api.Service.ExecuteAsync(RouteArgs.Id("userID", userID), command, ct));
        return Envelope.Ok(new ConversationAnswer(await api.Renderer.RenderAsync(accepted.Conversation, ct)));
    }
}
