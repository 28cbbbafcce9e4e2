using ConversationActors.Actors.Configuration;
using Microsoft.AspNetCore.Cors.Infrastructure;

namespace ConversationActors.Gateway.Security;

/// <summary>
/// Browsers on other origins (issue 16): ASP.NET Core's CORS middleware with the allow-list of
/// <see cref="CorsSettings"/>. It runs first, so a preflight is answered before authentication, rate limiting and
/// the size checks, and every answer to an allowed origin — refusals included — carries the headers the page needs
/// to read its envelope. Credentials (cookies) are never allowed: the API takes only bearer tokens, which a page
/// sends in the Authorization header (the TypeScript client reads the change feed through fetch for that reason).
/// </summary>
public static class CorsPolicy
{
    /// <summary>Request headers a page may send: the token, JSON bodies, and the change feed's resume point.</summary>
    public static readonly string[] AllowedHeaders = ["Authorization", "Content-Type", "Accept", "Last-Event-ID"];

    /// <summary>Response headers a page may read besides the safelisted ones.</summary>
    public static readonly string[] ExposedHeaders = ["Retry-After", "WWW-Authenticate"];

    public static WebApplicationBuilder AddGatewayCors(this WebApplicationBuilder builder)
    {
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<EdgeSettings>((options, settings) =>
            options.AddDefaultPolicy(policy => Configure(policy, settings.Cors)));
        return builder;
    }

    /// <summary>Call first in the pipeline; with an empty allow-list it adds nothing (same origin only).</summary>
    public static WebApplication UseGatewayCors(this WebApplication app)
    {
        if (app.Services.GetRequiredService<EdgeSettings>().Cors.Enabled)
        {
            app.UseCors();
        }

        return app;
    }

    private static void Configure(CorsPolicyBuilder policy, CorsSettings settings)
    {
        if (settings.AnyOrigin)
        {
            policy.AllowAnyOrigin();
        }
        else
        {
            policy.WithOrigins([.. settings.AllowedOrigins]);
        }

        policy.WithMethods("GET", "POST", "PUT", "DELETE")
            .WithHeaders(AllowedHeaders)
            .WithExposedHeaders(ExposedHeaders)
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))
            .DisallowCredentials();
    }
}
