using Microsoft.Data.Sqlite;

namespace ConversationActors.Actors.Tests.Support;

/// <summary>Direct SQL on a node's database file, for what the actors cannot tell: snapshot rows, journal rows.</summary>
public static class SqliteFile
{
    public static IReadOnlyList<long> SnapshotSequenceNrs(string connectionString, string persistenceId) =>
        Longs(connectionString, "SELECT sequence_number FROM snapshot WHERE persistence_id = $id ORDER BY sequence_number", persistenceId);

    public static IReadOnlyList<long> JournalSequenceNrs(string connectionString, string persistenceId) =>
        Longs(connectionString, "SELECT sequence_number FROM journal WHERE persistence_id = $id ORDER BY sequence_number", persistenceId);

    public static IReadOnlyList<long> SnapshotSizes(string connectionString, string persistenceId) =>
        Longs(connectionString, "SELECT length(snapshot) FROM snapshot WHERE persistence_id = $id ORDER BY sequence_number", persistenceId);

    public static void DeleteSnapshots(string connectionString, string persistenceId)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM snapshot WHERE persistence_id = $id";
        command.Parameters.AddWithValue("$id", persistenceId);
        command.ExecuteNonQuery();
    }

    private static List<long> Longs(string connectionString, string sql, string persistenceId)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", persistenceId);
        using var reader = command.ExecuteReader();
        var values = new List<long>();
        while (reader.Read())
        {
            values.Add(reader.GetInt64(0));
        }

        return values;
    }
}
