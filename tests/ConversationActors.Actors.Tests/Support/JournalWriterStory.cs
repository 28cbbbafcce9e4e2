using System.Data.Common;
using ConversationActors.Actors.Journal;
using ConversationActors.Actors.Telemetry;
using Xunit;

namespace ConversationActors.Actors.Tests.Support;

/// <summary>
/// A journal table shaped as the plugin's (auto-increment ordering, unique persistence id and sequence number) in a real
/// store, made by the test for <see cref="JournalWriterStory"/>: its provider, a connection string no other test counts
/// commits on, its quoted name, and the statement that takes the table's write lock until its transaction ends.
/// </summary>
public sealed record JournalTable(DbProviderFactory Provider, string ConnectionString, string Table, string LockSql);

/// <summary>
/// <see cref="SqlJournalWriter"/> as one story any store can tell (SQLite in the actor tests, PostgreSQL in the cluster
/// tests): writes that queue while a transaction waits share the next one (or go alone when batching across writes is
/// off), and a write that conflicts with a stored row fails alone, not the other entities' writes in its transaction.
/// That the rows are the plugin's own is held by <see cref="RecoveryReadsStory"/> and the SQLite replay tests (the
/// plugin's read journal reads what this writer wrote).
/// </summary>
public static class JournalWriterStory
{
    public static readonly string?[] Columns =
        ["\"created\"", "\"deleted\"", "\"persistence_id\"", "\"sequence_number\"", "\"message\"", "\"manifest\"", "\"identifier\"", "\"writer_uuid\"", null];

    public static async Task QueuedWritesShareTheNextTransactionAsync(JournalTable journal, bool acrossWrites)
    {
        using var writer = NewWriter(journal, acrossWrites);
        var before = JournalCommits.Read(journal.ConnectionString);

        Task[] writes;
        await using (await HoldAsync(journal))
        {
            writes = [.. Enumerable.Range(0, 10).Select(u => writer.WriteAsync([Row($"u{u}", 1), Row($"u{u}", 2)]))];
        }

        await Task.WhenAll(writes);
        var after = JournalCommits.Read(journal.ConnectionString);
        Assert.Equal(20, after.Rows - before.Rows);
        if (acrossWrites)
        {
            // The first write may have been taken alone before the others queued; the rest wait for the lock together.
            Assert.InRange(after.Transactions - before.Transactions, 1, 2);
        }
        else
        {
            Assert.Equal(10, after.Transactions - before.Transactions);
        }

        Assert.Equal([1L, 2L], await SequenceNrsAsync(journal, "u9"));
    }

    public static async Task AConflictingWriteFailsAloneAsync(JournalTable journal)
    {
        using var writer = NewWriter(journal, acrossWrites: true);
        await writer.WriteAsync([Row("ann", 1)]);

        Task first, conflict, last;
        await using (await HoldAsync(journal))
        {
            // Queued while the table is locked: at least the conflicting write and one other share a transaction.
            first = writer.WriteAsync([Row("bob", 1)]);
            conflict = writer.WriteAsync([Row("ann", 2), Row("ann", 1)]);
            last = writer.WriteAsync([Row("carol", 1), Row("carol", 2)]);
        }

        await first;
        await last;
        var refused = await Assert.ThrowsAnyAsync<DbException>(() => conflict);
        Assert.True(SqlStatement.IsUniqueViolation(refused), refused.ToString());
        Assert.Equal([1L], await SequenceNrsAsync(journal, "ann"));
        Assert.Equal([1L], await SequenceNrsAsync(journal, "bob"));
        Assert.Equal([1L, 2L], await SequenceNrsAsync(journal, "carol"));
    }

    /// <summary>After the writer is disposed, a write fails at once instead of waiting for a connection that is gone.</summary>
    public static async Task AWriteAfterDisposeFailsAsync(JournalTable journal)
    {
        var writer = NewWriter(journal, acrossWrites: true);
        await writer.WriteAsync([Row("dan", 1)]);
        writer.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.WriteAsync([Row("dan", 2)]));
        Assert.Equal([1L], await SequenceNrsAsync(journal, "dan"));
    }

    private static SqlJournalWriter NewWriter(JournalTable journal, bool acrossWrites) =>
        new(journal.Provider, journal.ConnectionString, journal.Table, Columns, maxRowsPerTransaction: 100, acrossWrites);

    private static JournalWrite Row(string persistenceId, long sequenceNr) =>
        new(persistenceId, sequenceNr, DateTime.UtcNow.Ticks, [1, 2, 3], "Sample.v1", 7411, "writer");

    private static async Task<IReadOnlyList<long>> SequenceNrsAsync(JournalTable journal, string persistenceId)
    {
        await using var statement = await SqlStatement.OpenAsync(
            journal.Provider, journal.ConnectionString, $"SELECT sequence_number FROM {journal.Table} WHERE persistence_id = @id ORDER BY sequence_number",
            CancellationToken.None, ("@id", persistenceId));
        await using var reader = await statement.Command.ExecuteReaderAsync();
        var numbers = new List<long>();
        while (await reader.ReadAsync())
        {
            numbers.Add(reader.GetInt64(0));
        }

        return numbers;
    }

    /// <summary>Takes the table's write lock until disposed, as another writer's long transaction would.</summary>
    private static async Task<IAsyncDisposable> HoldAsync(JournalTable journal)
    {
        var connection = journal.Provider.CreateConnection()!;
        connection.ConnectionString = journal.ConnectionString;
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = journal.LockSql;
            await command.ExecuteNonQueryAsync();
        }

        return new Held(connection, transaction);
    }

    private sealed class Held(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.CommitAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
