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
}
