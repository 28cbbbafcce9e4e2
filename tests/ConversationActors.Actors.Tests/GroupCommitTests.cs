using ConversationActors.Actors.Entities;
using ConversationActors.Actors.Tests.Support;
using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Queries;
using Xunit.Abstractions;
using static ConversationActors.Actors.Tests.Support.Commands;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// Issue #13 group commit inside an entity, on a real SQLite journal made slow or failing per user: while a write is in
/// flight the entity keeps deciding the user's commands and the journal takes them together; every caller is answered
/// only after its own events are durable; queries never see what is not durable; a failure answers every caller.
/// </summary>
public sealed class GroupCommitTests(DatabaseFolder folder, ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(output: output), IClassFixture<DatabaseFolder>
{
    [Fact]
    public async Task Concurrent_writes_to_one_user_share_journal_writes_and_each_is_answered_once_durable()
    {
        const string user = "hot-user";
        var database = folder.NewConnectionString();
        await using var node = await TestNode.StartAsync(database, FailingSqlJournal.ConfigLine);
        const int writes = 40;

        IReadOnlyList<Services.ServiceResult<Protocol.CommandAccepted>> answers;
        using (FailingSqlJournal.Inject(ConversationSetActor.PersistencePrefix + user, WriteFault.Slow))
        {
            answers = await Task.WhenAll(Enumerable.Range(0, writes)
                .Select(i => node.Service.ExecuteAsync(user, Message(C2C($"p{i}"), $"m{i}", $"p{i}", Commands.Now - 10_000 + i), CancellationToken.None)));
        }

        Assert.All(answers, a => Assert.True(a.Ok().Applied));
        Assert.Equal(Enumerable.Range(1, writes).Select(i => (long)i), answers.Select(a => a.Ok().SequenceNr).Order());
        Assert.Equal(Enumerable.Range(1, writes).Select(i => (long)i), SqliteFile.JournalSequenceNrs(database, ConversationSetActor.PersistencePrefix + user));
        var calls = FailingSqlJournal.WriteCallsOf(ConversationSetActor.PersistencePrefix + user);
        Output?.WriteLine($"{writes} writes in {calls} journal writes");
        Assert.InRange(calls, 1, writes / 4);
        var list = (await node.Service.GetPageAsync(user, PagePosition.Start, 100, CancellationToken.None)).Ok();
        Assert.Equal(writes, list.ConversationList.Count);
    }

    [Fact]
    public async Task A_query_never_sees_a_write_that_is_not_durable_yet()
    {
        const string user = "reader-user";
        await using var node = await TestNode.StartAsync(folder.NewConnectionString(), FailingSqlJournal.ConfigLine);
        (await node.Service.ExecuteAsync(user, Message(C2C("bob"), "m0", "bob", Commands.Now - 9_000), CancellationToken.None)).Ok();

        using (FailingSqlJournal.Inject(ConversationSetActor.PersistencePrefix + user, WriteFault.Slow))
        {
            var write = node.Service.ExecuteAsync(user, Message(C2C("carol"), "c1", "carol", Commands.Now - 8_000), CancellationToken.None);
            var during = (await node.Service.GetPageAsync(user, PagePosition.Start, 10, CancellationToken.None)).Ok();
            var written = (await write).Ok();
            var after = (await node.Service.GetPageAsync(user, PagePosition.Start, 10, CancellationToken.None)).Ok();

            Assert.False(write.IsFaulted);
            Assert.True(written.Applied);
            Assert.Equal(["C2Cbob"], during.ConversationList.Select(c => c.ConversationID));
            Assert.Equal(["C2Ccarol", "C2Cbob"], after.ConversationList.Select(c => c.ConversationID));
        }
    }

    [Fact]
    public async Task A_retry_of_a_write_still_in_flight_waits_for_it_and_shares_its_fate()
    {
        const string user = "retry-in-flight-user";
        var database = folder.NewConnectionString();
        await using var node = await TestNode.StartAsync(database, FailingSqlJournal.ConfigLine);
        (await node.Service.ExecuteAsync(user, Message(C2C("bob"), "m0", "bob", Commands.Now - 9_000), CancellationToken.None)).Ok();
        var message = Message(C2C("bob"), "m1", "bob", Commands.Now - 8_000);

        using (FailingSqlJournal.Inject(ConversationSetActor.PersistencePrefix + user, WriteFault.FailSlowly))
        {
            var first = node.Service.ExecuteAsync(user, message, CancellationToken.None);
            var retry = node.Service.ExecuteAsync(user, message, CancellationToken.None);

            // The retry is a duplicate of a write that is not durable: it may not answer "duplicate" before that write
            // is; when it fails, both fail.
            (await first).Refused(ErrorCode.StoreUnavailable);
            (await retry).Refused(ErrorCode.StoreUnavailable);
        }

        Assert.Equal([1L], SqliteFile.JournalSequenceNrs(database, ConversationSetActor.PersistencePrefix + user));
    }
}
