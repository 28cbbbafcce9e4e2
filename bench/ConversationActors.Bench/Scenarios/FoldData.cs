using Akka.Actor;
using Akka.Configuration;
using ConversationActors.Actors.Configuration;
using ConversationActors.Domain;
using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Fold;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.State;
using Decider = ConversationActors.Domain.Fold.Decider;

namespace ConversationActors.Bench.Scenarios;

/// <summary>Valid events and states made with the service's own pure fold (Decide + Apply).</summary>
public static class FoldData
{
    public const string Summary = "See you at the standup tomorrow, bring the numbers please";

    public static AddMessage Message(int peer, string msgID, long timestamp) =>
        new(ConversationId.C2C($"peer{peer}"), msgID, $"peer{peer}", timestamp, ElemType.Text, Summary, [], false, null, true);

    /// <summary><paramref name="events"/> messages spread over <paramref name="conversations"/> C2C conversations, oldest first, ending now.</summary>
    public static (ConversationSet State, List<IConversationEvent> Events) Messages(string user, int events, int conversations, ConversationSettings settings)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var state = ConversationSet.Empty(user, settings.DedupeWindow);
        var list = new List<IConversationEvent>(events);
        for (var i = 0; i < events; i++)
        {
            var decision = Decider.Decide(state, Message(i % conversations, $"m{i}", now - events + i), now, settings);
            var evt = decision.Event ?? throw new InvalidOperationException($"message {i} was not accepted: {decision.Refusal}");
            state = state.Apply(evt);
            list.Add(evt);
        }

        return (state, list);
    }

    /// <summary>The node's HOCON (config/ + environment) with <paramref name="overrides"/> last.</summary>
    public static Config Config(string configDir, string overrides) => AkkaConfigLoader.Load(configDir, overrides);

    public static ActorSystem System(Config config) => SqliteStore.CreateSystem("conversation-actors", config);

    /// <summary>
    /// A fresh SQLite file (any old one and its WAL deleted) and the node's configuration on it: its connection string,
    /// the config and the entities' settings.
    /// </summary>
    public static (string Connection, Config Config, Actors.Entities.EntitySettings Settings) FreshSqlite(string configDir, string databaseFile)
    {
        foreach (var f in new[] { databaseFile, databaseFile + "-wal", databaseFile + "-shm" })
        {
            File.Delete(f);
        }

        var connection = $"Data Source={databaseFile}";
        var config = Config(configDir, $$"""
            conversation-actors.store = sqlite
            conversation-actors.sqlite.connection-string = {{Quote(connection)}}
            akka.loglevel = WARNING
            """);
        return (connection, config, NodeSettings.From(config, TimeProvider.System).Entities);
    }

    public static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
