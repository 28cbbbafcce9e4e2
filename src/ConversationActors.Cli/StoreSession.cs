using Akka.Actor;
using ConversationActors.Actors.Configuration;
using ConversationActors.Actors.Journal;

namespace ConversationActors.Cli;

/// <summary>
/// A local (non-cluster) ActorSystem on the service's journal database, configured from the same
/// config/ files, so the tool reads and writes exactly what the service does.
/// </summary>
public sealed class StoreSession : IAsyncDisposable
{
    private StoreSession(ActorSystem system, NodeSettings settings)
    {
        System = system;
        Settings = settings;
        Journal = new JournalReader(system);
        Replay = new StateReplay(Journal, new SnapshotReader(system, TimeSpan.FromSeconds(30)), settings.Fold.DedupeWindow);
    }

    public ActorSystem System { get; }

    public NodeSettings Settings { get; }

    public JournalReader Journal { get; }

    /// <summary>Folds a journal page by page from the latest snapshot before the target (issue 15).</summary>
    public StateReplay Replay { get; }

    public static StoreSession Open(StoreOptions options)
    {
        var overrides = new List<string> { "akka.actor.provider = local", "akka.loglevel = WARNING", "akka.stdout-loglevel = WARNING" };
        if (options.Store is { } store)
        {
            overrides.Add($"conversation-actors.store = {EnvironmentOverrides.Quote(store)}");
        }

        if (options.Connection is { } connection)
        {
            var key = (options.Store ?? "sqlite") == "postgres" ? "postgres" : "sqlite";
            overrides.Add($"conversation-actors.{key}.connection-string = {EnvironmentOverrides.Quote(connection)}");
        }

        var config = AkkaConfigLoader.Load(options.ConfigDir ?? AkkaConfigLoader.DefaultDirectory, string.Join("\n", overrides));
        var system = SqliteStore.CreateSystem("convctl", config);
        return new StoreSession(system, NodeSettings.From(config, TimeProvider.System));
    }

    public async ValueTask DisposeAsync() => await System.Terminate();
}

/// <summary>Where the journal is: the config folder, and optionally the store and connection string.</summary>
public sealed record StoreOptions(string? ConfigDir, string? Store, string? Connection);
