using Microsoft.Net.Http.Headers;

namespace ConversationActors.Gateway.WebConsole;

/// <summary>
/// <c>/console</c>: the operators' and auditors' web page (cluster, user list, time travel, journal), served from
/// <see cref="ConsoleAssets"/>. The files are anonymous — they hold no data; every API call the page makes goes
/// through <see cref="Security.AccessPolicy"/> as usual, so with a signing key the page asks for an admin token.
/// </summary>
public static class ConsoleApi
{
    /// <summary>
    /// The page talks only to its own origin and loads nothing from elsewhere except avatars (faceUrl is any URL);
    /// no inline scripts, so a summary or name that contains markup can never run.
    /// </summary>
    internal const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data: http: https:; style-src 'self'; script-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        var assets = ConsoleAssets.Embedded;
        app.MapGet("/console/{**path}", (string? path, HttpContext context) => Serve(assets, path, context))
            .AllowAnonymous().ExcludeFromDescription().WithName("Console");
        return app;
    }

    private static IResult Serve(ConsoleAssets assets, string? path, HttpContext context)
    {
        // Routing matches /console too; the page's relative links need the slash.
        if (!context.Request.Path.HasValue || !context.Request.Path.Value.EndsWith('/') && string.IsNullOrEmpty(path))
        {
            return Results.Redirect(context.Request.PathBase + "/console/");
        }

        var asset = assets.Find(string.IsNullOrEmpty(path) ? "index.html" : path);
        if (asset is null)
        {
            return Results.NotFound(new Http.Envelope((int)Domain.Errors.ErrorCode.InvalidParameter, $"no console file {path}", null));
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        // Revalidate every time: a new gateway version must not run an old page against its API.
        headers.CacheControl = "no-cache";
        return Results.Bytes(asset.Bytes, asset.ContentType, entityTag: new EntityTagHeaderValue(asset.ETag));
    }
}
