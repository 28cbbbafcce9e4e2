using ConversationActors.Actors.Telemetry;
using OpenTelemetry.Metrics;

namespace ConversationActors.Gateway.Hosting;

/// <summary>SPEC 6 /metrics: OpenTelemetry metrics (HTTP server, .NET runtime, our own meter) in Prometheus text.</summary>
public static class Telemetry
{
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StoreMetrics>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter(ServiceMetrics.MeterName, Changes.ChangeFeedMetrics.MeterName, StoreMetrics.MeterName)
            .AddPrometheusExporter());
        return builder;
    }

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        app.ServiceProvider.GetRequiredService<StoreMetrics>(); // its gauges exist from the start
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
