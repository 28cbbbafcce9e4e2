using ConversationActors.Actors.Telemetry;
using OpenTelemetry.Metrics;

namespace ConversationActors.Gateway.Hosting;

/// <summary>
/// SPEC 6 /metrics: OpenTelemetry metrics (HTTP server, .NET runtime, our own meters) in Prometheus text. Of ASP.NET
/// Core's meters only the hosting one (<c>http.server.request.duration</c>, active requests): Kestrel's, routing's,
/// authentication's and the rate limiter's each recorded every request too, about 2 % of a write's CPU in a profile
/// (issue 27), for nothing an operator of this service reads.
/// </summary>
public static class Telemetry
{
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StoreMetrics>();
        builder.Services.AddSingleton<ClusterMetrics>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("Microsoft.AspNetCore.Hosting")
            .AddRuntimeInstrumentation()
            .AddMeter(ServiceMetrics.MeterName, Changes.ChangeFeedMetrics.MeterName, StoreMetrics.MeterName, ClusterMetrics.MeterName)
            .AddPrometheusExporter());
        return builder;
    }

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        // Their gauges exist from the start.
        app.ServiceProvider.GetRequiredService<StoreMetrics>();
        app.ServiceProvider.GetRequiredService<ClusterMetrics>();
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
