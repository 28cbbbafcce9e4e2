using ConversationActors.Actors.Tests.Support;

namespace ConversationActors.Cluster.Tests.Support;

/// <summary>
/// A PostgreSQL database of a test class's own (made ready by scripts/postgres.sh, fresh with <c>reset</c>), and
/// in-process nodes (<see cref="TestNode"/>) on it: how the actor tests' stories that need PostgreSQL are told here.
/// Disposing it deletes the SQLite files the nodes prepared and never used.
/// </summary>
public sealed class PostgresDatabase(string name) : IDisposable
{
    private readonly List<string> _unused = [];

    /// <summary>The database's connection string (the role scripts/postgres.sh creates).</summary>
    public string Connection { get; } = $"Host=127.0.0.1;Port=5432;Database={name};Username=conversations;Password=conversations";

    /// <summary>Gets the database ready: installed, started and created if missing; dropped and created again with <paramref name="reset"/>.</summary>
    public async Task PrepareAsync(bool reset)
    {
        var ready = await Shell.RunAsync("scripts/postgres.sh", reset ? ["--reset"] : [], new Dictionary<string, string> { ["CA_PG_DB"] = name }, TimeSpan.FromMinutes(3));
        Assert.True(ready.ExitCode == 0, ready.Output);
    }

    /// <summary>Starts a node whose store is this database, with <paramref name="hocon"/> and the given clock.</summary>
    public Task<TestNode> StartNodeAsync(string hocon, TimeProvider? time = null)
    {
        var unused = Path.Combine(Path.GetTempPath(), $"{name}-{Guid.NewGuid():N}.db"); // TestNode prepares a SQLite file it will not use
        lock (_unused)
        {
            _unused.Add(unused);
        }

        return TestNode.StartAsync($"Data Source={unused}", hocon + $"""

            conversation-actors.store = postgres
            conversation-actors.postgres.connection-string = "{Connection}"
            """, time);
    }

    public void Dispose()
    {
        foreach (var file in _unused)
        {
            File.Delete(file);
        }
    }
}
