using ConversationActors.Actors.Configuration;
using ConversationActors.Domain.Errors;
using ConversationActors.Gateway.Http;

namespace ConversationActors.Gateway.Security;

/// <summary>Applies <see cref="AccessPolicy"/> after routing chose the endpoint: refusals never reach a handler.</summary>
public sealed class AccessMiddleware(RequestDelegate next, EdgeSettings settings)
{
    public Task InvokeAsync(HttpContext context)
    {
        var caller = Caller.Of(context, settings.Auth);
        var refusal = AccessPolicy.Decide(context.GetEndpoint(), context.Request.RouteValues, context.Request.Query, caller);
        if (refusal is null)
        {
            return next(context);
        }

        if (refusal.Code == ErrorCode.Unauthenticated)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return Envelope.Error(refusal).ExecuteAsync(context);
    }
}
