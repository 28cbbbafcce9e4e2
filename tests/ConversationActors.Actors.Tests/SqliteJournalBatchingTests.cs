using ConversationActors.Actors.Entities;
using ConversationActors.Actors.Telemetry;
using ConversationActors.Actors.Tests.Support;
using static ConversationActors.Actors.Tests.Support.Commands;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// Issue #13, the SQLite write path: writes of many entities that arrive together reach the journal as few transactions
/// (Microsoft.Data.Sqlite runs synchronously, so without <see cref="Configuration.SqliteOffThreadOpen"/> every event
/// went alone), and every one is durable when it is acknowledged. Counted on a real SQLite file.
/// </summary>
public sealed class SqliteJournalBatchingTests(DatabaseFolder folder) : IClassFixture<DatabaseFolder>
{
    [Fact]
    public async Task Concurrent_writes_of_many_users_share_journal_transactions()
    {
        const int users = 200;
        var database = folder.NewConnectionString("batching");
        await using var node = await TestNode.StartAsync(database);

        // Every entity in memory first (its recovery reads are not what is measured), then one write each, all at once.
        await Task.WhenAll(Enumerable.Range(0, users).Select(u =>
            node.Service.GetTotalUnreadAsync($"batch-u{u}", CancellationToken.None)));
        var before = JournalCommits.Read(database);
        var answers = await Task.WhenAll(Enumerable.Range(0, users).Select(u =>
            node.Service.ExecuteAsync($"batch-u{u}", Message(C2C("bob"), $"m{u}", "bob", Now - 10_000), CancellationToken.None)));
        var after = JournalCommits.Read(database);

        Assert.All(answers, a => Assert.True(a.Ok().Applied));
        Assert.All(Enumerable.Range(0, users), u =>
            Assert.Equal([1L], SqliteFile.JournalSequenceNrs(database, ConversationSetActor.PersistencePrefix + $"batch-u{u}")));
        var transactions = after.Transactions - before.Transactions;
        Assert.Equal(users, after.Rows - before.Rows);
        Assert.InRange(transactions, 1, users / 4);
    }
}
