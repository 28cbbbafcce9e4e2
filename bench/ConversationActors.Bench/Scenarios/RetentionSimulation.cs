using Akka.Actor;
using ConversationActors.Actors.Configuration;
using ConversationActors.Actors.Entities;
using ConversationActors.Actors.Protocol;
using ConversationActors.Actors.Sharding;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace ConversationActors.Bench.Scenarios;

/// <summary>
/// Child mode <c>retention</c> (issue #15, part 4): the journal over a simulated 180 days, with <c>journal.retention</c>
/// off and at 90d, each on its own SQLite file. Real conversation-set entities on a clock that moves a day at a time;
/// every user writes the same number of messages each day. Journal rows, snapshot rows and the file's size (after a
/// WAL checkpoint) are read every 30 days.
/// </summary>
public static class RetentionSimulation
{
    /// <param name="Day">Simulated day.</param>
    /// <param name="Retention">"off" or the retention.</param>
    /// <param name="EventsWritten">Events written so far (all users).</param>
    /// <param name="JournalRows">Rows in the journal table (all users).</param>
    /// <param name="SnapshotRows">Rows in the snapshot table.</param>
    /// <param name="FileBytes">The SQLite file after a checkpoint (VACUUM is not run: freed pages stay in the file and are reused).</param>
    public sealed record Point(int Day, string Retention, long EventsWritten, long JournalRows, long SnapshotRows, long FileBytes);

    /// <param name="Bound">Rows retention 90d may keep by design: per user, the events of 90 days plus one snapshot interval.</param>
    public sealed record Result(int Users, int MessagesPerDay, int SnapshotEvery, long Bound, IReadOnlyList<Point> Points);

    public static async Task<Result> RunAsync(string configDir, string workDir, bool smoke)
    {
        var users = smoke ? 2 : 20;
        var perDay = smoke ? 5 : 50;
        var points = new List<Point>();
        var snapshotEvery = 0;
        foreach (var retention in new[] { "off", "90d" })
        {
            var file = Path.Combine(workDir, $"retention-{retention}.db");
            var (connection, _, _) = FoldData.FreshSqlite(configDir, file);

            // The smoke's small journals get snapshots often enough for deletions to happen.
            var config = FoldData.Config(configDir, $$"""
                conversation-actors.store = sqlite
                conversation-actors.sqlite.connection-string = {{FoldData.Quote(connection)}}
                conversation-actors.journal.retention = {{(retention == "off" ? "0" : retention)}}
                {{(smoke ? "conversation-actors.snapshot-every = 100" : string.Empty)}}
                akka.loglevel = WARNING
                """);

            var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
            var settings = NodeSettings.From(config, time).Entities;
            snapshotEvery = settings.SnapshotEvery;
            using var system = FoldData.System(config);
            ClusterStartup.JoinSelfWithoutSeeds(system);
            await ClusterStartup.WhenUpAsync(system).WaitAsync(TimeSpan.FromSeconds(60));
            var entities = Enumerable.Range(0, users).Select(u => system.ActorOf(Props.Create(() => new ConversationSetActor($"ret-u{u}", settings)))).ToArray();
            long written = 0;
            for (var day = 1; day <= 180; day++)
            {
                time.Advance(TimeSpan.FromDays(1));
                var now = time.GetUtcNow().ToUnixTimeMilliseconds();
                await Task.WhenAll(entities.Select(async (entity, u) =>
                {
                    for (var m = 0; m < perDay; m++)
                    {
                        var command = FoldData.Message(m % 20, $"d{day}-m{m}", now - perDay + m);
                        var answer = await entity.Ask<object>(new UserCommand($"ret-u{u}", command), TimeSpan.FromSeconds(30));
                        if (answer is not CommandAccepted { Applied: true })
                        {
                            throw new InvalidOperationException($"day {day}: ret-u{u} answered {answer}");
                        }
                    }
                }));
                written += (long)users * perDay;
                if (day % 30 == 0)
                {
                    points.Add(await MeasureSettledAsync(file, connection, day, retention, written));
                }
            }

            await system.Terminate();
        }

        return new Result(users, perDay, snapshotEvery, users * ((90L * perDay) + snapshotEvery + 1), points);
    }

    /// <summary>
    /// Measures once the deletions a snapshot save started are done: the journal's row count unchanged over 0.5 s
    /// (at most 10 s). Between two snapshot saves the rows grow by up to one more snapshot interval.
    /// </summary>
    private static async Task<Point> MeasureSettledAsync(string file, string connection, int day, string retention, long written)
    {
        var point = Measure(file, connection, day, retention, written);
        for (var i = 0; i < 20; i++)
        {
            await Task.Delay(500);
            var again = Measure(file, connection, day, retention, written);
            if (again.JournalRows == point.JournalRows)
            {
                return again;
            }

            point = again;
        }

        return point;
    }

    private static Point Measure(string file, string connection, int day, string retention, long written)
    {
        using var db = new SqliteConnection(connection);
        db.Open();
        long Scalar(string sql)
        {
            using var command = db.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        var rows = Scalar("SELECT COUNT(*) FROM journal");
        var snapshots = Scalar("SELECT COUNT(*) FROM snapshot");
        Scalar("PRAGMA wal_checkpoint(TRUNCATE)");
        return new Point(day, retention, written, rows, snapshots, new FileInfo(file).Length);
    }
}
