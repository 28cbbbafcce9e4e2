using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Paging;
using ConversationActors.Domain.Queries;
using ConversationActors.Gateway.Contracts;
using ConversationActors.Gateway.Http;
using ConversationActors.Gateway.Rendering;
using ConversationActors.Gateway.Security;

namespace ConversationActors.Gateway.Apis;

/// <summary>SPEC 4.1: the whole list, a page, a batch, one conversation, its profile, total unread.</summary>
public static class ConversationQueriesApi
{
    public static IEndpointRouteBuilder MapConversationQueriesApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/v1/users/{userID}").WithTags("Conversation queries").AllowOwner();

        users.MapGet("/conversations", ListAsync)
            .WithName("GetConversationList")
            .WithSummary("The whole list (getConversationList()), or one page with nextSeq/count (Flutter); filters type=C2C|GROUP, markType, conversationGroup, hasUnread, hasAt (getConversationListByFilter; hidden conversations only with markType=8); asOfSeq/asOf fold it from the journal.");
        users.MapPost("/conversations/batch", BatchAsync)
            .WithName("GetConversationBatch")
            .WithSummary("The named conversations that exist, in the order asked (getConversationList([ids])).")
            .AcceptsJson<BatchRequest>();
        users.MapGet("/conversations/{conversationID}", GetAsync)
            .WithName("GetConversation")
            .WithSummary("One conversation (getConversation(id)).");
        users.MapGet("/conversations/{conversationID}/profile", ProfileAsync)
            .WithName("GetConversationProfile")
            .WithSummary("The detailed profile of one conversation (getConversationProfile(id)).");
        users.MapGet("/unread", UnreadAsync)
            .WithName("GetTotalUnreadMessageCount")
            .WithSummary("The sum of unreadCount over conversations whose recvOpt is RECEIVE (hidden ones too); the list's filters narrow it.");
        return app;
    }

    private static async Task<Answer<ConversationListAnswer>> ListAsync(string userID, HttpRequest request, ApiContext api, TimeTravel timeTravel, CancellationToken ct)
    {
        RouteArgs.Id("userID", userID);
        var query = request.Query;
        var paged = query.ContainsKey("nextSeq") || query.ContainsKey("count");
        var count = paged ? RouteArgs.IntInRange(query, "count", 1, api.Settings.Fold.PageMax) ?? api.Settings.Fold.PageDefault : int.MaxValue;
        var from = PagePosition.Start;
        if (paged && RouteArgs.Single(query, "nextSeq") is { } cursor && !api.Cursors.TryDecode(userID, cursor, out from, out var error))
        {
            throw RequestRefusedException.Invalid(error);
        }

        var filter = FilterArgs.Parse(query);
        ConversationPage page;
        if (TimeTravel.IsRequested(query))
        {
            var (state, moment) = await timeTravel.FoldAsync(userID, query, ct);
            page = ListQueries.Page(state, from, count, moment, api.Settings.Fold.RetentionMs, filter, ListQueries.ScanBudget(filter, count));
        }
        else
        {
            page = ApiContext.Unwrap(filter.IsEmpty
                ? await api.Service.GetPageAsync(userID, from, count, ct)
                : await api.Service.GetPageAsync(userID, from, count, filter, ct));
        }

        var answer = new ConversationListAnswer(
            await api.Renderer.RenderAsync(page.ConversationList, ct), page.IsFinished, api.Cursors.Encode(userID, page.Next));

        // A page is bounded by page-max and is buffered whole; the whole list is not, so it is sent as it is written.
        return paged ? Envelope.Ok(answer) : Envelope.OkUnbounded(answer);
    }

    private static async Task<Answer<ConversationBatchAnswer>> BatchAsync(string userID, HttpRequest request, ApiContext api, CancellationToken ct)
    {
        RouteArgs.Id("userID", userID);
        var body = await api.BodyAsync<BatchRequest>(request, ct);
        var views = ApiContext.Unwrap(await api.Service.GetBatchAsync(userID, body.ConversationIDList.Select(id => id.Value).ToArray(), ct));
        return Envelope.Ok(new ConversationBatchAnswer(await api.Renderer.RenderAsync(views, ct)));
    }

    private static async Task<Answer<ConversationDto>> GetAsync(string userID, string conversationID, HttpRequest request, ApiContext api, TimeTravel timeTravel, CancellationToken ct)
    {
        var id = RouteArgs.Conversation(conversationID);
        RouteArgs.Id("userID", userID);
        ConversationView? found;
        if (TimeTravel.IsRequested(request.Query))
        {
            var (state, moment) = await timeTravel.FoldAsync(userID, request.Query, ct);
            found = ListQueries.Get(state, id.Value, moment, api.Settings.Fold.RetentionMs);
        }
        else
        {
            found = ApiContext.Unwrap(await api.Service.GetConversationAsync(userID, id.Value, withStats: false, ct)).Conversation;
        }

        return found is { } view
            ? Envelope.Ok((await api.Renderer.RenderAsync(view, ct))!)
            : throw new RequestRefusedException(Domain.Errors.Refusal.NotFound(id.Value));
    }

    private static async Task<Answer<ConversationProfileAnswer>> ProfileAsync(string userID, string conversationID, ApiContext api, CancellationToken ct)
    {
        var id = RouteArgs.Conversation(conversationID);
        var answer = ApiContext.Unwrap(await api.Service.GetConversationAsync(RouteArgs.Id("userID", userID), id.Value, withStats: true, ct));
        if (answer is not { Conversation: { } view, Stats: { } stats })
        {
            throw new RequestRefusedException(Domain.Errors.Refusal.NotFound(id.Value));
        }

        // The profile answer reads profiles fresh, not from the list cache.
        var user = id.UserID is { } peer ? ApiContext.Unwrap(await api.Service.GetUserProfileAsync(peer, ct)) : null;
        var group = id.GroupID is { } groupID ? ApiContext.Unwrap(await api.Service.GetGroupProfileAsync(groupID, ct)) : null;
        return Envelope.Ok(new ConversationProfileAnswer(
            ConversationRenderer.Render(view, user, group),
            id.Type == ConversationType.C2C ? ConversationUserProfile.Of(user!, view.FriendRemark) : null,
            id.Type == ConversationType.Group ? group : null,
            stats));
    }

    private static async Task<Answer<TotalUnreadAnswer>> UnreadAsync(string userID, HttpRequest request, ApiContext api, CancellationToken ct)
    {
        RouteArgs.Id("userID", userID);
        var filter = FilterArgs.Parse(request.Query);
        var total = ApiContext.Unwrap(filter.IsEmpty
            ? await api.Service.GetTotalUnreadAsync(userID, ct)
            : await api.Service.GetTotalUnreadAsync(userID, filter, ct));
        return Envelope.Ok(new TotalUnreadAnswer(total));
    }
}
