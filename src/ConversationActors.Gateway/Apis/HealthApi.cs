using ConversationActors.Gateway.Http;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConversationActors.Gateway.Apis;

/// <summary>
/// SPEC 6: liveness (the process answers) and readiness (Up in the cluster, shard region answers, and the event store's
/// state). A store outage is Degraded: HTTP 200 and code 0 (the node still serves reads), with the cause in the checks.
/// </summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WriteAsync }).AllowAnonymous();
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var healthy = report.Status != HealthStatus.Unhealthy;
        var checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description });
        var envelope = new Envelope(
            healthy ? 0 : (int)Domain.Errors.ErrorCode.Timeout,
            healthy ? string.Empty : "not ready: " + string.Join("; ", report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => e.Value.Description)),
            new { status = report.Status.ToString(), checks });
        return context.Response.WriteAsJsonAsync(envelope);
    }
}
