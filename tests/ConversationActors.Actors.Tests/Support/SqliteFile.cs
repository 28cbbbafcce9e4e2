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

    /// <summary>Overwrites the stored payload of event <paramref name="sequenceNr"/> with bytes no serializer reads: a poison event.</summary>
    public static void CorruptEvent(string connectionString, string persistenceId, long sequenceNr) =>
        Execute(connectionString, "UPDATE journal SET message = X'DEADBEEF' WHERE persistence_id = $id AND sequence_number = $seq", persistenceId, sequenceNr);

    /// <summary>Removes event <paramref name="sequenceNr"/>'s row: an operator repairing a poison event.</summary>
    public static void DeleteEvent(string connectionString, string persistenceId, long sequenceNr) =>
        Execute(connectionString, "DELETE FROM journal WHERE persistence_id = $id AND sequence_number = $seq", persistenceId, sequenceNr);

    private static void Execute(string connectionString, string sql, string persistenceId, long sequenceNr)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", persistenceId);
        command.Parameters.AddWithValue("$seq", sequenceNr);
        Assert.Equal(1, command.ExecuteNonQuery());
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
