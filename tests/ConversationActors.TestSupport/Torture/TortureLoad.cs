using System.Diagnostics;

namespace ConversationActors.TestSupport.Torture;

/// <summary>What a run did: its history, every user it wrote to, and what it saw of the entities' life cycle.</summary>
/// <param name="Rests">Rest periods longer than the passivate-after (a user's entity may stop and start again).</param>
/// <param name="Retired">Users retired at their message cap and replaced by fresh ones (fresh entities).</param>
public sealed record LoadResult(
    OperationHistory History, IReadOnlyList<string> Users, int Rests, int Retired, IReadOnlyList<EntitySample> EntitySamples, TimeSpan Elapsed);

/// <summary>
/// The load of a torture run: <see cref="TortureOptions.Clients"/> clients, each a loop of logical requests from its own
/// <see cref="WorkloadGenerator"/> (seeded from <see cref="TortureOptions.Seed"/>), until <paramref name="end"/> (at first
/// <see cref="TortureOptions.Duration"/>); the late users join <see cref="TortureOptions.LateUsersJoinBeforeEnd"/> before it ends. Requests in flight at the
/// end finish (every copy ends with an answer or after its retries), so the history is complete when this returns.
/// </summary>
public static class TortureLoad
{
    public static async Task<LoadResult> RunAsync(TortureOptions options, LoadEnd end)
    {
        using var http = TortureHttp.CreateClient();
        var history = new OperationHistory(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var users = new UserPool(options.UserPrefix, options.Users, options.MessagesPerUser);
        var memory = new WorkloadMemory();
        var runner = new RequestRunner(options, new AttemptSender(http, options.Nodes, history, memory), history);
        var clock = Stopwatch.StartNew();
        var seeds = new Random(options.Seed);
        var generators = Enumerable.Range(0, options.Clients).Select(_ => new WorkloadGenerator(seeds.Next(), options, users, memory, history)).ToArray();

        using var stopSampling = new CancellationTokenSource();
        var sampler = EntitySampler.RunAsync(http, options.Nodes, clock, stopSampling.Token);
        var lateUsers = AddLateUsersAsync(options, users, end);
        await Task.WhenAll(generators.Select(generator => RunClientAsync(generator, runner, end)));
        await lateUsers;
        await stopSampling.CancelAsync();
        return new LoadResult(history, users.Everyone, users.Rests, users.Retired, await sampler, clock.Elapsed);
    }

    private static async Task RunClientAsync(WorkloadGenerator generator, RequestRunner runner, LoadEnd end)
    {
        await Task.Yield();
        while (end.Running)
        {
            await runner.RunAsync(generator.Next(), generator.Random);
        }
    }

    private static async Task AddLateUsersAsync(TortureOptions options, UserPool users, LoadEnd end)
    {
        await end.UntilAsync(options.LateUsersJoinBeforeEnd);
        users.Add(options.LateUsers);
    }
}
