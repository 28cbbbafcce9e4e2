using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Fold;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;
using ConversationActors.Gateway.Contracts;
using ConversationActors.Gateway.Http;

namespace ConversationActors.Gateway.Apis;

/// <summary>
/// SPEC 4.2 ingest: a message into one user's conversation, and the chat backend's fan-out to every
/// target set. Both are idempotent by msgID, so a retry after a 503 is safe.
/// </summary>
public static class MessagesApi
{
    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/users/{userID}/conversations/{conversationID}/messages", AddAsync)
            .WithTags("Ingest").WithName("AddMessage")
            .WithSummary("A message sent or received in one user's conversation; creates the conversation if absent.")
            .AcceptsJson<MessageRequest>();
        app.MapPost("/v1/messages", FanOutAsync)
            .WithTags("Ingest").WithName("FanOutMessage")
            .WithSummary("One message to every target set: C2C (sender and receiver) or a group's listed members.")
            .Produces<Envelope<FanOutFailure>>(StatusCodes.Status503ServiceUnavailable)
            .AcceptsJson<FanOutRequest>();
        return app;
    }

    private static async Task<Answer<MessageAnswer>> AddAsync(string userID, string conversationID, HttpRequest request, ApiContext api, CancellationToken ct)
    {
        RouteArgs.Id("userID", userID);
        var id = RouteArgs.Conversation(conversationID);
        var message = await api.BodyAsync<MessageRequest>(request, ct);
        var command = message.For(id, await ProfileGroupTypeAsync(api, id, message, ct));
        var accepted = ApiContext.Unwrap(await api.Service.ExecuteAsync(userID, command, ct));
        return Envelope.Ok(new MessageAnswer(accepted.Applied, await api.Renderer.RenderAsync(accepted.Conversation, ct)));
    }

    private static async Task<Answer<FanOutAnswer>> FanOutAsync(HttpRequest request, ApiContext api, CancellationToken ct)
    {
        var message = await api.BodyAsync<FanOutRequest>(request, ct);
        var targets = message.Targets();

        // Refuse a bad message once, for every target, before anything is written.
        var sample = message.For(targets[0].Conversation, null);
        if (Validation.CheckMessage(sample, api.Now(), api.Settings.Fold) is { } refusal)
        {
            throw new RequestRefusedException(refusal);
        }

        var profileGroupType = await ProfileGroupTypeAsync(api, targets[0].Conversation, message, ct);

        // Every target at once (at most 1,000, SPEC 4.2): the deliveries reach the journal together, so its writer
        // batches them into as few transactions as its batch size allows (issue #13).
        var results = await Task.WhenAll(targets.Select(target =>
            api.Service.DeliverAsync(target.UserID, message.For(target.Conversation, profileGroupType), ct)));
        var delivered = 0;
        var duplicates = 0;
        var failures = new List<(string UserID, Refusal Refusal)>();
        for (var i = 0; i < targets.Count; i++)
        {
            var result = results[i];
            if (!result.IsOk)
            {
                failures.Add((targets[i].UserID, result.Error));
            }
            else if (result.Value.Applied)
            {
                delivered++;
            }
            else
            {
                duplicates++;
            }
        }

        if (failures.Count == 0)
        {
            return Envelope.Ok(new FanOutAnswer(delivered, duplicates));
        }

        var failedUserIDs = failures.Select(f => f.UserID).Order(StringComparer.Ordinal).ToArray();
        var code = failures.Any(f => f.Refusal.Code == ErrorCode.StoreUnavailable) ? ErrorCode.StoreUnavailable : ErrorCode.Timeout;
        var first = failures.First().Refusal;
        throw new RequestRefusedException(
            new Refusal(code, $"{failedUserIDs.Length} of {targets.Count} sets were not written ({first.Desc}); the others were. Retrying is safe."),
            new FanOutFailure(failedUserIDs, delivered, duplicates));
    }

    /// <summary>For a group message without groupType, the group profile's type decides unread counting (SPEC 3.4).</summary>
    private static async Task<GroupType?> ProfileGroupTypeAsync(ApiContext api, ConversationId id, MessageRequest message, CancellationToken ct) =>
        GroupTypeRules.NeedsProfileGroupType(id, message.GroupType) ? (await api.Profiles.GroupAsync(id.GroupID!, ct))?.GroupType : null;
}
