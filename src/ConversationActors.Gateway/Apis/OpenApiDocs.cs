using Scalar.AspNetCore;

namespace ConversationActors.Gateway.Apis;

/// <summary>The OpenAPI document at /openapi/v1.json and a browsable reference at /scalar/v1.</summary>
public static class OpenApiDocs
{
    public static IEndpointRouteBuilder MapOpenApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(options => options.WithTitle("ConversationActors API")).AllowAnonymous();
        return app;
    }
}
