using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Ids;
using ConversationActors.Gateway.Contracts;
using ConversationActors.Gateway.Http;
using ConversationActors.Gateway.Security;

namespace ConversationActors.Gateway.Apis;

/// <summary>
/// Issue #10, after Tencent's V2TIMConversationManager: marks, custom data and the multi-conversation writes
/// (delete many, clean unread of many). Each answers one result per distinct conversation asked:
/// <c>{resultList: [{conversationID, resultCode, resultInfo}]}</c> with code 0 when the request was valid.
/// </summary>
public static class ConversationOrganizeApi
{
    public static IEndpointRouteBuilder MapConversationOrganizeApi(this IEndpointRouteBuilder app)
    {
        var conversations = app.MapGroup("/v1/users/{userID}/conversations").WithTags("Conversation organizing").AllowOwner();

        conversations.MapPut("/marks", async (string userID, HttpRequest request, ApiContext api, CancellationToken ct) =>
            {
                var body = await api.BodyAsync<MarkRequest>(request, ct);
                return await ResultsAsync(api, userID, new MarkConversations(body.ConversationIDList, body.MarkType, body.Enable), ct);
            })
            .WithName("MarkConversation")
            .WithSummary("Set (enable) or clear one mark (1 STAR, 2 UNREAD, 4 FOLD, 8 HIDE, or 2^32..2^63) on 1..100 conversations; per-ID results.")
            .AcceptsJson<MarkRequest>();

        conversations.MapPut("/customData", async (string userID, HttpRequest request, ApiContext api, CancellationToken ct) =>
            {
                var body = await api.BodyAsync<CustomDataRequest>(request, ct);
                return await ResultsAsync(api, userID, new SetConversationCustomData(body.ConversationIDList, body.CustomData), ct);
            })
            .WithName("SetConversationCustomData")
            .WithSummary("Set the custom data (at most 256 bytes) of 1..100 conversations; empty clears it; per-ID results.")
            .AcceptsJson<CustomDataRequest>();

        conversations.MapPost("/delete", async (string userID, HttpRequest request, ApiContext api, CancellationToken ct) =>
            {
                var body = await api.BodyAsync<DeleteManyRequest>(request, ct);
                return await ResultsAsync(api, userID, new DeleteConversations(body.ConversationIDList, body.ClearHistory), ct);
            })
            .WithName("DeleteConversationList")
            .WithSummary("Delete 1..100 conversations (clearHistory: clear them first); per-ID results.")
            .AcceptsJson<DeleteManyRequest>();

        conversations.MapPost("/read", async (string userID, HttpRequest request, ApiContext api, CancellationToken ct) =>
            {
                var body = await api.BodyAsync<CleanUnreadRequest>(request, ct);
                var target = body.ConversationID;
                var upTo = body.UpToTimestamp;
                IConversationCommand command = target is CleanUnread.AllScope or CleanUnread.C2CScope or CleanUnread.GroupScope
                    ? new CleanUnread(target, upTo)
                    : ConversationId.TryParse(target, out var id, out var error)
                        ? new MarkRead(id, upTo)
                        : throw RequestRefusedException.Invalid($"conversationID must be a conversation ID, \"c2c\", \"group\" or \"\": {error}");
                var accepted = ApiContext.Unwrap(await api.Service.ExecuteAsync(RouteArgs.Id("userID", userID), command, ct));
                var cleaned = command is MarkRead read
                    ? accepted.Applied ? [read.ConversationID.Value] : []
                    : (accepted.Results ?? []).Select(r => r.ConversationID).ToArray();
                return Envelope.Ok(new CleanedAnswer(cleaned));
            })
            .WithName("CleanConversationUnreadMessageCountByScope")
            .WithSummary("Clean unread of one conversation, every C2C (\"c2c\"), every group (\"group\") or everything (\"\"), optionally up to a timestamp; answers the conversations cleaned.")
            .AcceptsJson<CleanUnreadRequest>();
        return app;
    }

    /// <summary>Runs a multi-conversation write and answers its per-conversation results.</summary>
    internal static async Task<Answer<ResultListAnswer>> ResultsAsync(ApiContext api, string userID, IConversationCommand command, CancellationToken ct)
    {
        var accepted = ApiContext.Unwrap(await api.Service.ExecuteAsync(RouteArgs.Id("userID", userID), command, ct));
        return Envelope.Ok(ResultListAnswer.Of(accepted.Results));
    }
}
