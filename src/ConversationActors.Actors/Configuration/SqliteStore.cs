using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Persistence.Sql.Config;
using Microsoft.Data.Sqlite;

namespace ConversationActors.Actors.Configuration;

/// <summary>Gets a SQLite journal file ready before Akka opens it.</summary>
public static class SqliteStore
{
    /// <summary>
    /// Creates the file's folder and switches the file to WAL mode. WAL is a property of the file, so
    /// this runs once per start; it roughly triples durable appends and lets readers (event log,
    /// time travel) run beside the writer.
    /// </summary>
    public static void Prepare(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var path = builder.DataSource;
        if (string.IsNullOrEmpty(path) || path == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// The data options setup of the persistence plugins for <paramref name="config"/>: <see cref="SqliteOffThreadOpen"/>
    /// on the SQLite store (<c>conversation-actors.store = sqlite</c>) unless <c>sqlite.batch-across-entities = 0</c>;
    /// otherwise null (the plugins' own options from HOCON).
    /// </summary>
    public static DataOptionsSetup? PluginSetup(Akka.Configuration.Config config) =>
        config.GetString("conversation-actors.store") == "sqlite" && config.GetInt("conversation-actors.sqlite.batch-across-entities", 1) == 1
            ? SqliteOffThreadOpen.Setup(config.GetString("akka.persistence.journal.sql.connection-string"))
            : null;

    /// <summary>
    /// An ActorSystem on <paramref name="config"/>; on the SQLite store its file is prepared first and the persistence
    /// plugins get <see cref="PluginSetup"/>. For systems made without Akka.Hosting (convctl, tests, the bench's child
    /// processes); the gateway adds the same setup through Akka.Hosting.
    /// </summary>
    public static ActorSystem CreateSystem(string name, Akka.Configuration.Config config)
    {
        if (config.GetString("conversation-actors.store") == "sqlite")
        {
            Prepare(config.GetString("akka.persistence.journal.sql.connection-string"));
        }

        var setup = ActorSystemSetup.Create(BootstrapSetup.Create().WithConfig(config));
        return ActorSystem.Create(name, PluginSetup(config) is { } plugins ? setup.And(plugins) : setup);
    }
}
