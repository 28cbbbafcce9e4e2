namespace ConversationActors.TestSupport.Torture;

/// <summary>
/// Runs one logical request the way impatient clients do: 1 to <see cref="TortureOptions.MaxCopies"/> identical copies
/// at once (a retry racing its first attempt), each copy retried after a random short client timeout, and after a 503
/// or a refused connection (then on another node) for up to <see cref="TortureOptions.RetryFor"/>. Every choice is
/// drawn from the client's seeded random source before the copies start, so the copies share nothing mutable.
/// </summary>
public sealed class RequestRunner(TortureOptions options, AttemptSender sender, OperationHistory history)
{
    /// <summary>Sends <paramref name="request"/> and records every attempt; ends when every copy has ended.</summary>
    public Task RunAsync(PlannedRequest request, Random random)
    {
        var copies = Math.Min(options.MaxCopies, random.Next(10) switch
        {
            < 4 => 1,
            < 6 => 2,
            < 8 => 3,
            _ => 4,
        });
        var plans = Enumerable.Range(1, copies).Select(copy => (Copy: copy, Seed: random.Next())).ToArray();
        return Task.WhenAll(plans.Select(plan => RunCopyAsync(request, plan.Copy, new Random(plan.Seed))));
    }

    private async Task RunCopyAsync(PlannedRequest request, int copy, Random random)
    {
        var retryUntil = DateTimeOffset.UtcNow + options.RetryFor;
        var node = Route(random.Next(options.Nodes.Count) + 1);
        var impatient = 0;
        for (var attempt = 1; ; attempt++)
        {
            var timeout = impatient < options.ImpatientTries && random.NextDouble() < options.ImpatientShare
                ? TimeSpan.FromMilliseconds(random.Next((int)options.ImpatientTimeout.Min.TotalMilliseconds, (int)options.ImpatientTimeout.Max.TotalMilliseconds + 1))
                : options.PatientTimeout;
            var patient = timeout == options.PatientTimeout;
            var result = await sender.SendAsync(request, copy, attempt, node, timeout);
            history.Record(result);
            switch (result.Outcome)
            {
                case AttemptOutcome.TimedOutByClient when !patient:
                    // The client's own impatience: the same body again, at once or after a few ms.
                    impatient++;
                    await Task.Delay(random.Next(0, 20));
                    continue;
                case AttemptOutcome.ConnectionFailed:
                case AttemptOutcome.Answered when result.Unavailable:
                    if (DateTimeOffset.UtcNow >= retryUntil)
                    {
                        return;
                    }

                    // A 503 or a node that does not answer: retry is safe (SPEC 4.4); another node when there is one.
                    node = Route(node % options.Nodes.Count + 1);
                    await Task.Delay(random.Next(100, 300));
                    continue;
                default:
                    return;
            }
        }
    }

    /// <summary>Where a load balancer sends a request meant for <paramref name="node"/> (no balancer: there).</summary>
    private int Route(int node) => options.Balancer?.Route(node) ?? node;
}
