using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;
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
                var body = await api.BodyAsync(request, ct);
                var ids = RequiredIds(body, api);
                var command = new MarkConversations(ids, body.RequiredUInt64("markType"), body.RequiredBool("enable"));
                return await ResultsAsync(api, userID, command, ct);
            })
            .WithName("MarkConversation")
            .WithSummary("Set (enable) or clear one mark (1 STAR, 2 UNREAD, 4 FOLD, 8 HIDE, or 2^32..2^63) on 1..100 conversations; per-ID results.")
            .AcceptsJson<MarkRequest>();

        conversations.MapPut("/customData", async (string userID, HttpRequest request, ApiContext api, CancellationToken ct) =>
            {
                var body = await api.BodyAsync(request, ct);
                var ids = RequiredIds(body, api);
                if (!body.Has("customData"))
                {
                    throw RequestRefusedException.Invalid("customData is required (a string of at most 256 bytes; empty or null clears it)");
                }

                return await ResultsAsync(api, userID, new SetConversationCustomData(ids, body.OptionalString("customData")), ct);
            })
            .WithName("SetConversationCustomData")
            .WithSummary("Set the custom data (at most 256 bytes) of 1..100 conversations; empty clears it; per-ID results.")
            .AcceptsJson<CustomDataRequest>();

        conversations.MapPost("/delete", async (string userID, HttpRequest request, ApiContext api, CancellationToken ct) =>
            {
                var body = await api.BodyAsync(request, ct);
                var ids = RequiredIds(body, api);
                return await ResultsAsync(api, userID, new DeleteConversations(ids, body.OptionalBool("clearHistory") ?? false), ct);
            })
            .WithName("DeleteConversationList")
            .WithSummary("Delete 1..100 conversations (clearHistory: clear them first); per-ID results.")
            .AcceptsJson<DeleteManyRequest>();

        conversations.MapPost("/read", async (string userID, HttpRequest request, ApiContext api, CancellationToken ct) =>
            {
                var body = await api.BodyAsync(request, ct);
                if (!body.Has("conversationID"))
                {
                    throw RequestRefusedException.Invalid("conversationID is required: a conversation ID, \"c2c\", \"group\" or \"\" (everything)");
                }

                var target = body.OptionalString("conversationID") ?? string.Empty;
                var upTo = body.OptionalInt64("upToTimestamp");
                IConversationCommand command = target is CleanUnread.AllScope or CleanUnread.C2CScope or CleanUnread.GroupScope
                    ? new CleanUnread(target, upTo)
                    : ConversationId.TryParse(target, out var id, out var error)
                        ? new MarkRead(id, upTo)
                        : throw RequestRefusedException.Invalid($"conversationID must be a conversation ID, \"c2c\", \"group\" or \"\": {error}");
                var accepted = ApiContext.Unwrap(await api.Service.ExecuteAsync(RouteArgs.Id("userID", userID), command, ct));
                var cleaned = command is MarkRead read
                    ? accepted.Applied ? [read.ConversationID.Value] : []
                    : (accepted.Results ?? []).Select(r => r.ConversationID).ToArray();
                return Envelope.Ok(new { conversationIDList = cleaned });
            })
            .WithName("CleanConversationUnreadMessageCountByScope")
            .WithSummary("Clean unread of one conversation, every C2C (\"c2c\"), every group (\"group\") or everything (\"\"), optionally up to a timestamp; answers the conversations cleaned.")
            .AcceptsJson<CleanUnreadRequest>();
        return app;
    }

    /// <summary>conversationIDList: 1 to batch-max conversation IDs, normalised.</summary>
    internal static IReadOnlyList<ConversationId> RequiredIds(BodyFields body, ApiContext api)
    {
        var max = api.Settings.Fold.BatchMax;
        var ids = body.OptionalConversationIdArray("conversationIDList", max)
            ?? throw RequestRefusedException.Invalid($"conversationIDList is required: an array of 1 to {max} conversation IDs");
        return ids.Count == 0 ? throw RequestRefusedException.Invalid($"conversationIDList must not be empty: give 1 to {max} conversation IDs") : ids;
    }

    /// <summary>Runs a multi-conversation write and answers its per-conversation results.</summary>
    internal static async Task<IResult> ResultsAsync(ApiContext api, string userID, IConversationCommand command, CancellationToken ct)
    {
        var accepted = ApiContext.Unwrap(await api.Service.ExecuteAsync(RouteArgs.Id("userID", userID), command, ct));
        return Envelope.Ok(new { resultList = Render(accepted.Results) });
    }

    internal static IEnumerable<object> Render(IReadOnlyList<ConversationOperationResult>? results) =>
        (results ?? []).Select(r => new { conversationID = r.ConversationID, resultCode = (int)r.ResultCode, resultInfo = r.ResultInfo });

    public sealed record MarkRequest(IReadOnlyList<string> ConversationIDList, ulong MarkType, bool Enable);

    public sealed record CustomDataRequest(IReadOnlyList<string> ConversationIDList, string? CustomData);

    public sealed record DeleteManyRequest(IReadOnlyList<string> ConversationIDList, bool? ClearHistory);

    public sealed record CleanUnreadRequest(string ConversationID, long? UpToTimestamp);
}
