using ConversationActors.Actors.Configuration;
using ConversationActors.Gateway.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.IdentityModel.Tokens;

namespace ConversationActors.Gateway.Security;

/// <summary>
/// SPEC 5 wiring: JWT bearer authentication (when a key is configured), the rate limiter, the size
/// limits, the start-up guard, and the pipeline order: sizes → routing → authentication → rate limit →
/// <see cref="AccessPolicy"/> → endpoint.
/// </summary>
public static class SecurityServices
{
    public static WebApplicationBuilder AddGatewaySecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHostedService<ListenAddressGuard>();
        services.AddAuthentication()
            .AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, _ => { });
        services.AddOptions<AuthenticationOptions>().Configure<EdgeSettings>((options, settings) =>
        {
            // Without a key there is no default scheme: UseAuthentication does nothing and Caller says LocalAdmin.
            if (settings.Auth.Enabled)
            {
                options.DefaultScheme = JwtBearerDefaults.AuthenticationScheme;
            }
        });
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<EdgeSettings>((options, settings) => ConfigureJwt(options, settings.Auth));
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<EdgeSettings>(RateLimiting.Configure);
        services.AddOptions<KestrelServerOptions>().Configure<EdgeSettings>((kestrel, settings) =>
        {
            kestrel.Limits.MaxRequestLineSize = settings.MaxRequestLineBytes * 2;
            kestrel.Limits.MaxRequestHeadersTotalSize = settings.MaxHeaderBytes * 2;
        });
        return builder;
    }

    /// <summary>The edge of the pipeline; call right after the envelope middleware, before the endpoints.</summary>
    public static WebApplication UseGatewaySecurity(this WebApplication app)
    {
        app.UseMiddleware<RequestSizeMiddleware>();
        app.UseRouting();
        app.UseMiddleware<Http.RouteValueDecoding>();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseMiddleware<AccessMiddleware>();
        return app;
    }

    private static void ConfigureJwt(JwtBearerOptions options, AuthSettings auth)
    {
        options.MapInboundClaims = false;
        options.RequireHttpsMetadata = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuerSigningKey = true,
            IssuerSigningKey = auth.SigningKey is { } key ? new SymmetricSecurityKey(key) : null,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = true,
            ValidIssuer = auth.Issuer,
            ValidateAudience = true,
            ValidAudience = auth.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = auth.ClockSkew,
            NameClaimType = "sub",
            RoleClaimType = AuthSettings.RoleClaim,
        };
        options.Events = new JwtBearerEvents
        {
            OnAuthenticationFailed = context =>
            {
                Caller.RecordFailure(context.HttpContext, context.Exception);
                return Task.CompletedTask;
            },
            // Only reached if something challenges or forbids through the handler itself; AccessMiddleware
            // answers first, but the handler's bare 401/403 must be the SPEC's envelope too.
            OnChallenge = async context =>
            {
                context.HandleResponse();
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await Envelope.Error(new Domain.Errors.Refusal(Domain.Errors.ErrorCode.Unauthenticated, "a valid bearer token is required")).ExecuteAsync(context.HttpContext);
            },
            OnForbidden = context =>
                Envelope.Error(new Domain.Errors.Refusal(Domain.Errors.ErrorCode.Forbidden, "the token does not cover this user or action")).ExecuteAsync(context.HttpContext),
        };
    }
}
