using System.Text.Json;

namespace ConversationActors.Bench.Server;

/// <summary>
/// Issue 27 (6), the ingest ceiling: <c>POST /bench/ingest-ceiling/v1/users/{userID}/conversations/{conversationID}/messages</c>
/// takes the spread ingest's request (the same path after the prefix, the same body), reads and parses the body as JSON and
/// answers a fixed small envelope. It runs first in the pipeline (<see cref="BaselineStartupFilter"/>), ahead of the
/// gateway's middleware, routing, actors and journal, so its cost is what any POST costs on this Kestrel before it is ours.
/// </summary>
public static class IngestCeiling
{
    public const string PathPrefix = "/bench/ingest-ceiling";

    private static readonly byte[] Answer = """{"code":0,"desc":"","data":{"applied":true}}"""u8.ToArray();

    private static readonly byte[] NotJson = """{"code":6017,"desc":"the body is not a JSON object","data":null}"""u8.ToArray();

    public static async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        var path = context.Request.Path.Value ?? string.Empty;
        if (!path.StartsWith(PathPrefix, StringComparison.Ordinal) || !IsMessagesPath(path.AsSpan(PathPrefix.Length)))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var parsed = await IsJsonObjectAsync(context);
        context.Response.StatusCode = parsed ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json; charset=utf-8";
        var answer = parsed ? Answer : NotJson;
        context.Response.ContentLength = answer.Length;
        await context.Response.Body.WriteAsync(answer, context.RequestAborted);
    }

    /// <summary>True for <c>/v1/users/{userID}/conversations/{conversationID}/messages</c> (both IDs non-empty).</summary>
    internal static bool IsMessagesPath(ReadOnlySpan<char> path)
    {
        Span<Range> parts = stackalloc Range[8];
        if (path.Split(parts, '/') != 7)
        {
            return false;
        }

        return path[parts[0]].IsEmpty && path[parts[1]] is "v1" && path[parts[2]] is "users" && !path[parts[3]].IsEmpty
            && path[parts[4]] is "conversations" && !path[parts[5]].IsEmpty && path[parts[6]] is "messages";
    }

    private static async Task<bool> IsJsonObjectAsync(HttpContext context)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            return body.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
