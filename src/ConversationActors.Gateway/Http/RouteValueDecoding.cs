using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing.Patterns;

namespace ConversationActors.Gateway.Http;

/// <summary>
/// Decodes each ID in the path exactly once (decision 2026-11-30 "IDs in URLs"). Kestrel decodes the path
/// except <c>%2F</c>, so its route value <c>a%2Fb</c> may come from <c>a%2Fb</c> (a '/', which SPEC 3.1
/// refuses) or from <c>a%252Fb</c> (an ID holding the three characters <c>%2F</c>). After routing, this
/// middleware takes every parameter that fills a whole path segment from the raw request target instead,
/// percent-decoded once. When the raw target's segments do not line up with the route (dot segments that
/// Kestrel removed, an absolute-form target), it keeps Kestrel's value and reads a remaining <c>%2F</c> as '/'.
/// </summary>
public sealed class RouteValueDecoding(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        // A target without '%' was decoded by no one: Kestrel's route values are already its segments (issue 27: splitting
        // every write's path again showed in a profile).
        if (context.GetEndpoint() is RouteEndpoint endpoint && context.Request.RouteValues.Count > 0
            && context.Features.Get<IHttpRequestFeature>()?.RawTarget?.Contains('%') != false)
        {
            Decode(context, endpoint.RoutePattern);
        }

        return next(context);
    }

    private static void Decode(HttpContext context, RoutePattern pattern)
    {
        var values = context.Request.RouteValues;
        var raw = RawSegments(context);
        var lined = raw is not null && raw.Length == pattern.PathSegments.Count;
        for (var i = 0; i < pattern.PathSegments.Count; i++)
        {
            var parts = pattern.PathSegments[i].Parts;
            if (parts.Count != 1 || parts[0] is not RoutePatternParameterPart parameter || parameter.IsCatchAll)
            {
                continue;
            }

            if (values.TryGetValue(parameter.Name, out var value) && value is string kestrel)
            {
                values[parameter.Name] = lined
                    ? Uri.UnescapeDataString(raw![i])
                    : kestrel.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    /// <summary>The raw target's path segments (still percent-encoded), or null when it is not origin-form.</summary>
    private static string[]? RawSegments(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || target[0] != '/')
        {
            return null;
        }

        var end = target.IndexOf('?');
        var path = end < 0 ? target : target[..end];
        var segments = path[1..].Split('/');
        return segments.Any(s => s is "." or ".." || s.Equals("%2E", StringComparison.OrdinalIgnoreCase)) ? null : segments;
    }
}
