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
        var checks = report.Entries.ToDictionary(e => e.Key, e => new HealthCheckAnswer(e.Value.Status.ToString(), e.Value.Description));
        var envelope = new Envelope(
            healthy ? 0 : (int)Domain.Errors.ErrorCode.Timeout,
            healthy ? string.Empty : "not ready: " + string.Join("; ", report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => e.Value.Description)),
            new HealthAnswer(report.Status.ToString(), checks));
        return context.Response.WriteAsJsonAsync(envelope);
    }
}

/// <summary>The data of <c>/health/live</c> and <c>/health/ready</c>.</summary>
/// <param name="Status">Healthy, Degraded (a store outage: the node still serves reads) or Unhealthy.</param>
/// <param name="Checks">Each readiness check by name (cluster, store, entities); none for liveness.</param>
public sealed record HealthAnswer(string Status, IReadOnlyDictionary<string, HealthCheckAnswer> Checks);

/// <summary>One readiness check's outcome.</summary>
/// <param name="Status">Healthy, Degraded or Unhealthy.</param>
/// <param name="Description">Why, or null.</param>
public sealed record HealthCheckAnswer(string Status, string? Description);
