using System.Net;
using System.Security.Claims;
using ConversationActors.Actors.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace ConversationActors.Gateway.Security;

/// <summary>
/// Who sent a request: a verified token's subject and whether it carries the admin role, or why there
/// is no verified token. Computed once per request (the rate limiter and the access check both use it).
/// </summary>
public sealed record Caller(string? Subject, bool IsAdmin, string? Problem)
{
    private static readonly object ItemsKey = new();
    private static readonly object FailureKey = new();

    public bool IsAuthenticated => Subject is not null;

    /// <summary>Every request while authentication is off (no signing key, loopback only).</summary>
    public static Caller LocalAdmin { get; } = new("local-admin", true, null);

    public static Caller Of(HttpContext context, AuthSettings auth)
    {
        if (context.Items.TryGetValue(ItemsKey, out var cached) && cached is Caller caller)
        {
            return caller;
        }

        caller = Resolve(context, auth);
        context.Items[ItemsKey] = caller;
        return caller;
    }

    /// <summary>Kept by the JWT handler's AuthenticationFailed event (the middleware keeps only successes).</summary>
    public static void RecordFailure(HttpContext context, Exception failure) => context.Items[FailureKey] = failure;

    private static Caller Resolve(HttpContext context, AuthSettings auth)
    {
        if (!auth.Enabled)
        {
            // Defence in depth: the start-up guard already refuses non-loopback addresses without a key.
            var local = context.Connection.LocalIpAddress;
            return local is null || IPAddress.IsLoopback(local)
                ? LocalAdmin
                : new Caller(null, false, "authentication is off on this node (no signing key), so it serves loopback connections only");
        }

        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            var subject = user.FindFirstValue("sub");
            return string.IsNullOrEmpty(subject)
                ? new Caller(null, false, "the bearer token has no sub claim (the userID)")
                : new Caller(subject, user.HasClaim(AuthSettings.RoleClaim, AuthSettings.AdminRole), null);
        }

        var header = context.Request.Headers.Authorization.ToString();
        var failure = context.Items.TryGetValue(FailureKey, out var failed) ? failed as Exception : null;
        var problem = failure switch
        {
            SecurityTokenExpiredException => "the bearer token has expired",
            SecurityTokenNotYetValidException => "the bearer token is not valid yet (nbf)",
            SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "the bearer token's signature does not verify",
            SecurityTokenInvalidIssuerException => "the bearer token's issuer (iss) is not accepted",
            SecurityTokenInvalidAudienceException => "the bearer token's audience (aud) is not accepted",
            SecurityTokenInvalidAlgorithmException => "the bearer token must be signed with HS256",
            SecurityTokenNoExpirationException => "the bearer token has no expiry (exp)",
            not null => "the bearer token is malformed or not valid",
            null when header.Length == 0 => "a bearer token is required (Authorization: Bearer <JWT>)",
            null when !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) => "only bearer tokens are accepted (Authorization: Bearer <JWT>)",
            null => "the bearer token is empty",
        };
        return new Caller(null, false, problem);
    }
}
