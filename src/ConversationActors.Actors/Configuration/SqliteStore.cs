using Akka.Actor;
using Akka.Actor.Setup;
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
    /// An ActorSystem on <paramref name="config"/>; on the SQLite store (<c>conversation-actors.store = sqlite</c>) its file
    /// is prepared first and the persistence plugins get <see cref="SqliteOffThreadOpen"/>. For systems made without
    /// Akka.Hosting (convctl, tests, the bench's child processes); the gateway adds the same setup through Akka.Hosting.
    /// </summary>
    public static ActorSystem CreateSystem(string name, Akka.Configuration.Config config)
    {
        var setup = ActorSystemSetup.Create(BootstrapSetup.Create().WithConfig(config));
        if (config.GetString("conversation-actors.store") == "sqlite")
        {
            var connectionString = config.GetString("akka.persistence.journal.sql.connection-string");
            Prepare(connectionString);
            setup = setup.And(SqliteOffThreadOpen.Setup(connectionString));
        }

        return ActorSystem.Create(name, setup);
    }
}
