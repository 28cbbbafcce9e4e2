using System.Diagnostics;
using Akka.Actor;
using Akka.Persistence;
using ConversationActors.Actors.Configuration;
using ConversationActors.Actors.Journal;
using ConversationActors.Actors.Protocol;
using ConversationActors.Domain.State;

namespace ConversationActors.Bench.Scenarios;

/// <summary>
/// Child mode <c>history</c> (issue #15, part 4): writes users with 1,000 / 10,000 / 100,000 journal events (messages over
/// 1,000 conversations) into a SQLite file with a snapshot every <c>snapshot-every</c> events, as the entity leaves them,
/// for the gateway to serve; then measures time travel over the largest journal in this process: its time and its peak
/// heap against the folded state's own size, and beside it the heap of that journal held whole (what time travel and
/// every change-feed stream did before issue #15).
/// </summary>
public static class HistorySeed
{
    /// <param name="Users">Each seeded user and its number of events.</param>
    /// <param name="AsOfMs">Folding the largest journal to its middle event (the snapshots after it do not help; the one before does).</param>
    /// <param name="AsOfPeakHeapBytes">Peak live heap above the baseline while folding (full collection and a reading every 2 ms, in a second fold).</param>
    /// <param name="StateBytes">The folded state's own size: heap retained after the fold, after full collections.</param>
    /// <param name="WholeJournalBytes">Heap of the same journal's events held in one list (the old way).</param>
    public sealed record Result(IReadOnlyList<SeededUser> Users, long AsOfSeq, double AsOfMs, long AsOfPeakHeapBytes, long StateBytes, long WholeJournalBytes, int SnapshotEvery);

    public sealed record SeededUser(string UserID, int Events);

    public static readonly int[] Sizes = [1_000, 10_000, 100_000];

    public static string UserOf(int events) => $"hist-{events}";

    public static async Task<Result> RunAsync(string configDir, string databaseFile, bool smoke)
    {
        var (_, config, settings) = FoldData.FreshSqlite(configDir, databaseFile);
        var sizes = smoke ? Sizes.Select(s => s / 100).ToArray() : Sizes;
        using var system = FoldData.System(config);
        var store = Persistence.Instance.Apply(system).SnapshotStoreFor(null);
        var users = new List<SeededUser>();
        var every = Math.Max(1, settings.SnapshotEvery);
        foreach (var size in sizes)
        {
            var user = UserOf(size);
            var (_, events) = FoldData.Messages(user, size, Math.Min(1000, size), settings.Fold);
            await JournalImporter.ImportAsync(system, user, events, TimeSpan.FromMinutes(5));

            // The entity's snapshots: one every snapshot-every events (it keeps only the latest; time travel reads the
            // latest at or before its target, so keep them all here as a journal with retention off would not).
            var state = ConversationSet.Empty(user, settings.Fold.DedupeWindow);
            for (var i = 0; i < events.Count; i++)
            {
                state = state.Apply(events[i]);
                var seq = i + 1;
                if (seq % every == 0 || seq == events.Count)
                {
                    var saved = await store.Ask<object>(new SaveSnapshot(
                        new SnapshotMetadata(JournalReader.PersistenceIdOf(user), seq, DateTime.UtcNow), ConversationSetSnapshot.Of(state)), TimeSpan.FromMinutes(1));
                    if (saved is not SaveSnapshotSuccess)
                    {
                        throw new InvalidOperationException($"snapshot of {user} at {seq} not saved: {saved}");
                    }
                }
            }

            users.Add(new SeededUser(user, size));
        }

        // Time travel over the largest journal, to a seq between two snapshots.
        var largest = users[^1];
        var target = (largest.Events / 2) + (every / 2);
        var replay = new StateReplay(new JournalReader(system), new SnapshotReader(system, TimeSpan.FromSeconds(30)), settings.Fold.DedupeWindow);
        await replay.AfterSeqAsync(users[0].UserID, users[0].Events, CancellationToken.None); // warm-up: queries compiled
        var beforeFold = Settle();
        var clock = Stopwatch.StartNew();
        var folded = await replay.AfterSeqAsync(largest.UserID, target, CancellationToken.None);
        var asOfMs = clock.Elapsed.TotalMilliseconds;
        if (folded.Seq != target)
        {
            throw new InvalidOperationException($"time travel reached {folded.Seq}, not {target}");
        }

        var stateBytes = Settle() - beforeFold;
        GC.KeepAlive(folded);

        // The same fold again for its peak of live memory: a sampler collects fully and reads the heap every 2 ms
        // (so uncollected garbage does not count), against the folded state's own size (retained after the first fold).
        folded = null;
        var baseline = Settle();
        long peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(() =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                Thread.Sleep(2);
            }
        });
        folded = await replay.AfterSeqAsync(largest.UserID, target, CancellationToken.None);
        await sampling.CancelAsync();
        await sampler;
        GC.KeepAlive(folded);

        // Before issue #15: the whole journal read into memory, then folded.
        folded = null;
        var before = Settle();
        var whole = new List<object>();
        for (var from = 1L; from <= largest.Events; from += 1000)
        {
            whole.AddRange(await new JournalReader(system).ReadAsync(largest.UserID, from, Math.Min(largest.Events, from + 999), CancellationToken.None));
        }

        var wholeBytes = Settle() - before;
        GC.KeepAlive(whole);
        await system.Terminate();
        return new Result(users, target, asOfMs, Math.Max(0, peak - baseline), stateBytes, wholeBytes, every);
    }

    private static long Settle()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(true);
    }
}
