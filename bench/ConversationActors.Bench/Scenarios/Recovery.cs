using System.Diagnostics;
using Akka.Actor;
using Akka.Persistence;
using ConversationActors.Actors.Configuration;
using ConversationActors.Actors.Entities;
using ConversationActors.Actors.Journal;
using ConversationActors.Actors.Protocol;
using ConversationActors.Actors.Sharding;
using ConversationActors.Bench.Load;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.State;
using Microsoft.Data.Sqlite;

namespace ConversationActors.Bench.Scenarios;

/// <summary>
/// Issue #9 (3): time to first answer of a ConversationSetActor whose journal holds N events, on the
/// SQLite store, with and without a snapshot at the last event; and a raw SELECT of the same rows.
/// </summary>
public static class Recovery
{
    public sealed record Result(
        int LargeEvents, double LargeNoSnapshotMs, double LargeSnapshotMs, double LargeRawSelectMs,
        int SmallEvents, double SmallNoSnapshotMs, double SmallRawSelectMs, double SmallRawSelectDeserializeMs,
        double ImportEventsPerSecond, long SnapshotBytes, int Repetitions)
    {
        /// <summary>The small journal's raw SELECT + deserialize, then folded into a fresh set in memory (the fold's share of recovery), ms.</summary>
        public double SmallRawSelectDeserializeFoldMs { get; init; }

        /// <summary>Issue #14 (5): recovery time by journal length, without and with a snapshot at the last event (medians, ms).</summary>
        public List<CurvePoint> Curve { get; init; } = [];
    }

    public sealed record CurvePoint(int Events, double NoSnapshotMs, double SnapshotMs);

    public static async Task<Result> RunAsync(string configDir, string workDir, int large, int small, int reps)
    {
        var (connection, config, settings) = FoldData.FreshSqlite(configDir, Path.Combine(workDir, "recovery.db"));
        using var system = FoldData.System(config);

        // The entity publishes its changes through DistributedPubSub, which needs a cluster: a cluster of one, as a node.
        ClusterStartup.JoinSelfWithoutSeeds(system);
        await ClusterStartup.WhenUpAsync(system).WaitAsync(TimeSpan.FromSeconds(60));

        // Pre-write the journals through the plugin (PersistAll in 500-event batches), as convctl import does.
        var (largeState, largeEvents) = FoldData.Messages("rec-large", large, 1000, settings.Fold);
        var (smallState, smallEvents) = FoldData.Messages("rec-small", small, 1000, settings.Fold);
        var (_, warmEvents) = FoldData.Messages("rec-warm", 1000, 100, settings.Fold);
        var tiny = Math.Max(1, small / 10);
        var (tinyState, tinyEvents) = FoldData.Messages("rec-tiny", tiny, 1000, settings.Fold);
        var clock = Stopwatch.StartNew();
        await JournalImporter.ImportAsync(system, "rec-large", largeEvents, TimeSpan.FromMinutes(5));
        var importRate = large / clock.Elapsed.TotalSeconds;
        await JournalImporter.ImportAsync(system, "rec-small", smallEvents, TimeSpan.FromMinutes(5));
        await JournalImporter.ImportAsync(system, "rec-warm", warmEvents, TimeSpan.FromMinutes(5));
        await JournalImporter.ImportAsync(system, "rec-tiny", tinyEvents, TimeSpan.FromMinutes(5));

        // Warm-up: the journal's queries are compiled on first use, and the replay path and the fold run often enough for
        // the JIT's optimized tier (a fresh process runs each bench group); then more repetitions than the other groups
        // (a median of 3 recoveries of ~100 ms moved by 20 ms between quiet runs).
        for (var w = 0; w < 10; w++)
        {
            await TimeToFirstAnswerAsync(system, "rec-warm", settings);
            RawSelect(connection, "rec-warm", 1000, system, ConversationSet.Empty("rec-warm", settings.Fold.DedupeWindow));
        }

        var runs = (reps * 2) + 1;

        var smallNoSnap = new List<double>();
        var largeNoSnap = new List<double>();
        var smallRaw = new List<double>();
        var smallRawDeser = new List<double>();
        var smallRawFold = new List<double>();
        var largeRaw = new List<double>();
        var tinyNoSnap = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            tinyNoSnap.Add(await TimeToFirstAnswerAsync(system, "rec-tiny", settings));
            smallNoSnap.Add(await TimeToFirstAnswerAsync(system, "rec-small", settings));
            smallRaw.Add(RawSelect(connection, "rec-small", small, null));
            smallRawDeser.Add(RawSelect(connection, "rec-small", small, system));
            smallRawFold.Add(RawSelect(connection, "rec-small", small, system, ConversationSet.Empty("rec-small", settings.Fold.DedupeWindow)));
            largeNoSnap.Add(await TimeToFirstAnswerAsync(system, "rec-large", settings));
            largeRaw.Add(RawSelect(connection, "rec-large", large, null));
        }

        // A snapshot at the last event, written through the snapshot store as the actor would.
        var snapshot = ConversationSetSnapshot.Of(largeState);
        var snapshotBytes = system.Serialization.FindSerializerFor(snapshot).ToBinary(snapshot).LongLength;
        var store = Persistence.Instance.Apply(system).SnapshotStoreFor(null);
        async Task SaveAsync(string user, long seq, ConversationSet state)
        {
            var saved = await store.Ask<object>(new SaveSnapshot(new SnapshotMetadata(JournalReader.PersistenceIdOf(user), seq, DateTime.UtcNow), ConversationSetSnapshot.Of(state)), TimeSpan.FromMinutes(1));
            if (saved is not SaveSnapshotSuccess)
            {
                throw new InvalidOperationException($"snapshot of {user} not saved: {saved}");
            }
        }

        await SaveAsync("rec-large", large, largeState);
        await SaveAsync("rec-small", small, smallState);
        await SaveAsync("rec-tiny", tiny, tinyState);

        var largeSnap = new List<double>();
        var smallSnap = new List<double>();
        var tinySnap = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            largeSnap.Add(await TimeToFirstAnswerAsync(system, "rec-large", settings));
            smallSnap.Add(await TimeToFirstAnswerAsync(system, "rec-small", settings));
            tinySnap.Add(await TimeToFirstAnswerAsync(system, "rec-tiny", settings));
        }

        await system.Terminate();
        return new Result(
            large, LatencyStats.Median(largeNoSnap), LatencyStats.Median(largeSnap), LatencyStats.Median(largeRaw),
            small, LatencyStats.Median(smallNoSnap), LatencyStats.Median(smallRaw), LatencyStats.Median(smallRawDeser),
            importRate, snapshotBytes, runs)
        {
            SmallRawSelectDeserializeFoldMs = LatencyStats.Median(smallRawFold),
            Curve =
            [
                new(tiny, LatencyStats.Median(tinyNoSnap), LatencyStats.Median(tinySnap)),
                new(small, LatencyStats.Median(smallNoSnap), LatencyStats.Median(smallSnap)),
                new(large, LatencyStats.Median(largeNoSnap), LatencyStats.Median(largeSnap)),
            ],
        };
    }

    /// <summary>A fresh actor for the user: from ActorOf to the answer of its first query.</summary>
    private static async Task<double> TimeToFirstAnswerAsync(ActorSystem system, string user, EntitySettings settings)
    {
        var clock = Stopwatch.StartNew();
        var actor = system.ActorOf(Props.Create(() => new ConversationSetActor(user, settings)));
        var answer = await actor.Ask<TotalUnreadAnswer>(new GetTotalUnread(user), TimeSpan.FromMinutes(2));
        var ms = clock.Elapsed.TotalMilliseconds;
        if (answer.TotalUnreadCount <= 0)
        {
            throw new InvalidOperationException($"{user} recovered empty");
        }

        await actor.GracefulStop(TimeSpan.FromSeconds(30));
        return ms;
    }

    /// <summary>
    /// SELECT every column of the user's journal rows in order (and deserialize each payload when a system is given, and
    /// fold the events into <paramref name="fold"/> when given, transient as recovery does, without Akka around it).
    /// </summary>
    private static double RawSelect(string connectionString, string user, int expected, ActorSystem? deserializeWith, ConversationSet? fold = null)
    {
        var clock = Stopwatch.StartNew();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM journal WHERE persistence_id = $p ORDER BY sequence_number";
        command.Parameters.AddWithValue("$p", JournalReader.PersistenceIdOf(user));
        using var reader = command.ExecuteReader();
        var payload = reader.GetOrdinal("message");
        var manifest = reader.GetOrdinal("manifest");
        var identifier = reader.GetOrdinal("identifier");
        var values = new object[reader.FieldCount];
        var rows = 0;

        // As the entity's recovery folds (ConversationSetActor.OnRecover): transient, sealed at the end.
        var edit = new FoldEdit();
        fold = fold?.Transient(edit);
        while (reader.Read())
        {
            reader.GetValues(values);
            if (deserializeWith is not null)
            {
                var e = deserializeWith.Serialization.Deserialize((byte[])values[payload], Convert.ToInt32(values[identifier]), (string)values[manifest]);
                fold = fold?.Apply((IConversationEvent)e);
            }

            rows++;
        }

        GC.KeepAlive(fold?.Sealed(edit));
        return rows == expected ? clock.Elapsed.TotalMilliseconds : throw new InvalidOperationException($"{user}: {rows} rows, expected {expected}");
    }
}
