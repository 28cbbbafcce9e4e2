namespace ConversationActors.Gateway.Security;

/// <summary>
/// Endpoint metadata: a user token whose <c>sub</c> equals the route's <c>{userID}</c> may call this
/// endpoint (SPEC 5's client actions). Endpoints without it are admin-only (see <see cref="AccessPolicy"/>).
/// </summary>
public sealed class OwnerAccess
{
    public static OwnerAccess Instance { get; } = new();

    private OwnerAccess()
    {
    }
}

/// <summary>The one marker a user-facing endpoint (or route group) needs.</summary>
public static class OwnerAccessExtensions
{
    /// <summary>Lets the owner's user token in, besides admin tokens. Use on routes under <c>/v1/users/{userID}</c>.</summary>
    public static TBuilder AllowOwner<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(OwnerAccess.Instance);
}
