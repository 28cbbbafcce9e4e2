using System.Globalization;
using ConversationActors.Gateway.Changes;
using ConversationActors.Gateway.Http;
using ConversationActors.Gateway.Security;
using Microsoft.AspNetCore.Http.Features;

namespace ConversationActors.Gateway.Apis;

/// <summary>
/// SPEC 4.3 <c>/changes</c>: a user's live change feed as Server-Sent Events, resumable with
/// <c>Last-Event-ID</c> (or <c>?fromSeq=</c>, the first seq wanted), wherever the user's entity lives.
/// </summary>
public static class ChangesApi
{
    public static IEndpointRouteBuilder MapChangesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/users/{userID}/conversations/changes", StreamAsync)
            .WithTags("Changes").WithName("GetConversationChanges")
            .WithSummary("Server-Sent Events: newConversation, conversationChanged, conversationDeleted, totalUnreadChanged, each with id: <seq>; resume with Last-Event-ID or fromSeq.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .AllowOwner();
        return app;
    }

    private static async Task StreamAsync(string userID, HttpContext context, ChangeFeedService feed, IHostApplicationLifetime lifetime)
    {
        RouteArgs.Id("userID", userID);
        var after = ResumePoint(context.Request);
        await using var stream = await feed.OpenAsync(userID, after, context.RequestAborted);

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await stream.RunAsync(context, lifetime.ApplicationStopping);
    }

    /// <summary>The seq to resume strictly after: Last-Event-ID wins (a reconnecting EventSource keeps its URL), then fromSeq - 1.</summary>
    private static long? ResumePoint(HttpRequest request)
    {
        if (request.Headers.TryGetValue("Last-Event-ID", out var header) && header.Count > 0 && !string.IsNullOrWhiteSpace(header[^1]))
        {
            var text = header[^1]!.Trim();
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) && seq < long.MaxValue / 2
                ? seq
                : throw RequestRefusedException.Invalid($"Last-Event-ID must be a seq (an integer of 0 or more), got \"{(text.Length > 20 ? text[..20] + "…" : text)}\"");
        }

        return RouteArgs.LongAtLeast(request.Query, "fromSeq", 1) is { } fromSeq ? fromSeq - 1 : null;
    }
}
