using System.Globalization;
using System.Threading.RateLimiting;
using ConversationActors.Actors.Configuration;
using ConversationActors.Domain.Errors;
using ConversationActors.Gateway.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace ConversationActors.Gateway.Security;

/// <summary>
/// ASP.NET Core's rate limiter, one fixed window per token subject (or per client IP without a valid
/// token); admin callers have their own budget. Rejections are 429 envelopes, code 7008, with Retry-After.
/// </summary>
public static class RateLimiting
{
    public static void Configure(RateLimiterOptions options, EdgeSettings settings)
    {
        var limits = settings.RateLimit;
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var caller = Caller.Of(context, settings.Auth);
            var permits = caller.IsAdmin ? limits.AdminPermits : limits.Permits;
            var key = caller.IsAuthenticated && settings.Auth.Enabled
                ? (caller.IsAdmin ? "admin:" : "user:") + caller.Subject
                : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return permits == 0
                ? RateLimitPartition.GetNoLimiter(key)
                : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = limits.Window,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
        });
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = (rejected, _) =>
        {
            var context = rejected.HttpContext;
            var caller = Caller.Of(context, settings.Auth);
            var permits = caller.IsAdmin ? limits.AdminPermits : limits.Permits;
            var retry = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : limits.Window;
            var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            var who = caller.IsAuthenticated && settings.Auth.Enabled ? "this token" : "this client address";
            var desc = $"rate limit: at most {permits} requests per {limits.Window.TotalSeconds:0.###} s for {who}; retry after {seconds} s";
            return new ValueTask(Envelope.Error(new Refusal(ErrorCode.RateLimited, desc)).ExecuteAsync(context));
        };
    }
}
