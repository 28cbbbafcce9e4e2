using ConversationActors.Domain.Errors;
using Microsoft.AspNetCore.Authorization;

namespace ConversationActors.Gateway.Security;

/// <summary>
/// SPEC 5, decided in one place for every endpoint, present and future. Default deny: an endpoint is
/// admin-only unless it carries <see cref="OwnerAccess"/> (then the owner's user token may call it too)
/// or the framework's <see cref="IAllowAnonymous"/> (health, OpenAPI, Scalar).
/// </summary>
public static class AccessPolicy
{
    /// <summary>The route value naming the user whose set an owner endpoint touches.</summary>
    public const string OwnerRouteValue = "userID";

    /// <summary>Query parameters that turn an owner endpoint into an admin one (time travel reads the journal).</summary>
    public static IReadOnlyList<string> AdminOnlyQuery { get; } = ["asOf", "asOfSeq"];

    /// <returns>Null to let the request through, else the refusal (70001 or 50003).</returns>
    public static Refusal? Decide(Endpoint? endpoint, RouteValueDictionary routeValues, IQueryCollection query, Caller caller)
    {
        if (endpoint?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return null;
        }

        if (!caller.IsAuthenticated)
        {
            return new Refusal(ErrorCode.Unauthenticated, caller.Problem ?? "a bearer token is required");
        }

        if (caller.IsAdmin || endpoint is null)
        {
            // No endpoint: routing answers 404 to any verified caller.
            return null;
        }

        var what = endpoint.DisplayName ?? "this endpoint";
        if (endpoint.Metadata.GetMetadata<OwnerAccess>() is null)
        {
            return Forbidden($"{what} needs a token with the admin role");
        }

        if (routeValues.TryGetValue(OwnerRouteValue, out var value) is false || value is not string owner ||
            !string.Equals(owner, caller.Subject, StringComparison.Ordinal))
        {
            return Forbidden($"the token of user '{caller.Subject}' covers only /v1/users/{caller.Subject}/...");
        }

        return AdminOnlyQuery.FirstOrDefault(query.ContainsKey) is { } parameter
            ? Forbidden($"{parameter} (reading the journal) needs a token with the admin role")
            : null;
    }

    private static Refusal Forbidden(string desc) => new(ErrorCode.Forbidden, desc);
}
