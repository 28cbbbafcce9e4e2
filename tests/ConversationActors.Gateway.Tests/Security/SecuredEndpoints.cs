using ConversationActors.Gateway.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationActors.Gateway.Tests.Security;

/// <summary>How an endpoint may be called (SPEC 5).</summary>
public enum Access
{
    Anonymous,
    Owner,
    Admin,
}

/// <summary>One mapped endpoint with a concrete path aimed at <see cref="SecuredEndpoints.Victim"/>.</summary>
public sealed record MappedEndpoint(string Name, string Method, string Template, string Path, Access Access)
{
    public override string ToString() => $"{Method} {Template}";
}

/// <summary>
/// Every endpoint the running gateway maps (read from its routing, so endpoints added later are covered
/// without editing a list), each with its route values filled in for the victim user.
/// </summary>
public static class SecuredEndpoints
{
    public const string Victim = "victim";
    public const string Peer = "victim-peer";
    public const string Group = "victim-g";

    private static readonly Dictionary<string, string> Values = new(StringComparer.OrdinalIgnoreCase)
    {
        ["userID"] = Victim,
        ["conversationID"] = "C2C" + Peer,
        ["peerID"] = Peer,
        ["groupID"] = Group,
        ["msgID"] = "victim-m1",
    };

    public static IReadOnlyList<MappedEndpoint> Of(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => new MappedEndpoint(
                    e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? e.DisplayName ?? "?",
                    method,
                    e.RoutePattern.RawText ?? "/",
                    Fill(e),
                    e.Metadata.GetMetadata<IAllowAnonymous>() is not null ? Access.Anonymous
                    : e.Metadata.GetMetadata<OwnerAccess>() is not null ? Access.Owner
                    : Access.Admin)))
            .ToList();

    private static string Fill(RouteEndpoint endpoint)
    {
        var parts = endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter =>
                Uri.EscapeDataString(Values.GetValueOrDefault(parameter.Name, "x")),
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
            _ => string.Empty,
        })));
        return "/" + string.Join("/", parts);
    }
}
