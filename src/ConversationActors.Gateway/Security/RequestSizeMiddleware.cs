using ConversationActors.Actors.Configuration;
using ConversationActors.Domain.Errors;
using ConversationActors.Gateway.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ConversationActors.Gateway.Security;

/// <summary>
/// The configured request-line and header limits, answered with an envelope (414 / 431, code 6017).
/// Kestrel's own limits sit at twice these, as a backstop it answers without a body.
/// </summary>
public sealed class RequestSizeMiddleware(RequestDelegate next, EdgeSettings settings)
{
    public Task InvokeAsync(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? string.Empty;
        var line = context.Request.Method.Length + target.Length + context.Request.Protocol.Length + 2;
        if (line > settings.MaxRequestLineBytes)
        {
            return RefuseAsync(context, StatusCodes.Status414RequestUriTooLong, $"the request line must be at most {settings.MaxRequestLineBytes} bytes, got {line}");
        }

        var headers = 0;
        foreach (var (name, values) in context.Request.Headers)
        {
            headers += name.Length + 4;
            foreach (var value in values)
            {
                headers += value?.Length ?? 0;
            }
        }

        return headers > settings.MaxHeaderBytes
            ? RefuseAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, $"the request headers must be at most {settings.MaxHeaderBytes} bytes together, got {headers}")
            : next(context);
    }

    private static Task RefuseAsync(HttpContext context, int status, string desc) =>
        TypedResults.Json(new Envelope((int)ErrorCode.InvalidParameter, desc, null), statusCode: status).ExecuteAsync(context);
}
