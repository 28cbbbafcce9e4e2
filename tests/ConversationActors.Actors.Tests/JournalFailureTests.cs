using ConversationActors.Actors.Entities;
using ConversationActors.Actors.Tests.Support;
using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Profiles;
using Xunit.Abstractions;
using static ConversationActors.Actors.Tests.Support.Commands;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// A write answers success only after its event is durable (SPEC 4.2): journal failures and rejections,
/// injected by <see cref="FailingSqlJournal"/>, answer STORE_UNAVAILABLE and leave no trace.
/// </summary>
public sealed class JournalFailureTests(DatabaseFolder folder, ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(output: output), IClassFixture<DatabaseFolder>
{
    [Fact]
    public async Task A_failed_write_answers_STORE_UNAVAILABLE_and_leaves_no_trace_even_after_a_restart()
    {
        const string user = "fail-user";
        var database = folder.NewConnectionString();
        string before;

        await using (var node = await TestNode.StartAsync(database, FailingSqlJournal.ConfigLine))
        {
            (await node.Service.ExecuteAsync(user, Message(C2C("bob"), "m1", "bob", Commands.Now - 5_000), CancellationToken.None)).Ok();
            before = await node.Service.DescribeUserAsync(user);

            using (FailingSqlJournal.Inject(ConversationSetActor.PersistencePrefix + user, WriteFault.Fail))
            {
                var failed = await node.Service.ExecuteAsync(user, Message(C2C("bob"), "m2", "bob", Commands.Now - 4_000), CancellationToken.None);
                Assert.Contains("not be persisted", failed.Refused(ErrorCode.StoreUnavailable).Desc, StringComparison.Ordinal);

                // The entity stops rather than guess what the store holds; the next message recovers it.
                await AwaitAssertAsync(
                    async () => Assert.DoesNotContain(user, await node.LiveConversationEntitiesAsync()),
                    TimeSpan.FromSeconds(10),
                    TimeSpan.FromMilliseconds(100));
            }

            Assert.Equal(before, await node.Service.DescribeUserAsync(user));
        }

        Assert.Equal([1], SqliteFile.JournalSequenceNrs(database, ConversationSetActor.PersistencePrefix + user));
        await using (var node = await TestNode.StartAsync(database, FailingSqlJournal.ConfigLine))
        {
            Assert.Equal(before, await node.Service.DescribeUserAsync(user));
        }
    }

    [Fact]
    public async Task A_retry_after_the_store_comes_back_is_applied_exactly_once()
    {
        const string user = "retry-user";
        await using var node = await TestNode.StartAsync(folder.NewConnectionString(), FailingSqlJournal.ConfigLine);
        var message = Message(C2C("bob"), "m1", "bob", Commands.Now - 5_000);

        using (FailingSqlJournal.Inject(ConversationSetActor.PersistencePrefix + user, WriteFault.Fail))
        {
            (await node.Service.ExecuteAsync(user, message, CancellationToken.None)).Refused(ErrorCode.StoreUnavailable);
        }

        // The failed entity stops; a retry that reaches it while it stops is lost (decisions.md), so wait it out.
        await AwaitAssertAsync(
            async () => Assert.DoesNotContain(user, await node.LiveConversationEntitiesAsync()),
            TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(100));

        var retry = (await node.Service.ExecuteAsync(user, message, CancellationToken.None)).Ok();
        var again = (await node.Service.ExecuteAsync(user, message, CancellationToken.None)).Ok();

        Assert.True(retry.Applied);
        Assert.Equal(1, retry.SequenceNr);
        Assert.False(again.Applied);
        Assert.Equal(1, retry.Conversation!.UnreadCount);
    }

    [Fact]
    public async Task A_rejected_write_answers_STORE_UNAVAILABLE_and_the_entity_goes_on_unchanged()
    {
        const string user = "reject-user";
        var database = folder.NewConnectionString();
        await using var node = await TestNode.StartAsync(database, FailingSqlJournal.ConfigLine);
        (await node.Service.ExecuteAsync(user, Message(C2C("bob"), "m1", "bob", Commands.Now - 5_000), CancellationToken.None)).Ok();
        var before = await node.Service.DescribeUserAsync(user);

        using (FailingSqlJournal.Inject(ConversationSetActor.PersistencePrefix + user, WriteFault.Reject))
        {
            var rejected = await node.Service.ExecuteAsync(user, Message(C2C("bob"), "m2", "bob", Commands.Now - 4_000), CancellationToken.None);
            Assert.Contains("rejected", rejected.Refused(ErrorCode.StoreUnavailable).Desc, StringComparison.Ordinal);
            (await node.Service.ExecuteAsync(user, new Domain.Commands.SetPinned(C2C("bob"), true), CancellationToken.None))
                .Refused(ErrorCode.StoreUnavailable);
        }

        Assert.Equal(before, await node.Service.DescribeUserAsync(user));
        var after = (await node.Service.ExecuteAsync(user, Message(C2C("bob"), "m2", "bob", Commands.Now - 4_000), CancellationToken.None)).Ok();
        Assert.True(after.Applied);
        Assert.Equal(2, after.Conversation!.UnreadCount);
        Assert.Equal(2, SqliteFile.JournalSequenceNrs(database, ConversationSetActor.PersistencePrefix + user).Count);
    }

    [Fact]
    public async Task Other_users_keep_writing_while_one_users_writes_fail()
    {
        await using var node = await TestNode.StartAsync(folder.NewConnectionString(), FailingSqlJournal.ConfigLine);

        using (FailingSqlJournal.Inject(ConversationSetActor.PersistencePrefix + "sick-user", WriteFault.Fail))
        {
            (await node.Service.ExecuteAsync("sick-user", Message(C2C("bob"), "m1", "bob", Commands.Now - 5_000), CancellationToken.None))
                .Refused(ErrorCode.StoreUnavailable);
            var healthy = (await node.Service.ExecuteAsync("healthy-user", Message(C2C("bob"), "m1", "bob", Commands.Now - 5_000), CancellationToken.None)).Ok();
            Assert.True(healthy.Applied);
        }
    }

    [Theory]
    [InlineData(WriteFault.Fail)]
    [InlineData(WriteFault.Reject)]
    public async Task A_profile_write_that_is_not_persisted_answers_STORE_UNAVAILABLE_and_keeps_the_old_profile(WriteFault fault)
    {
        var database = folder.NewConnectionString();
        UserProfile before;
        await using (var node = await TestNode.StartAsync(database, FailingSqlJournal.ConfigLine))
        {
            before = (await node.Service.UpdateUserProfileAsync("prof", new UserProfilePatch(["nickname"], "Old", null, null), CancellationToken.None)).Ok();
            using (FailingSqlJournal.Inject(UserProfileActor.PersistencePrefix + "prof", fault))
            {
                (await node.Service.UpdateUserProfileAsync("prof", new UserProfilePatch(["nickname"], "New", null, null), CancellationToken.None))
                    .Refused(ErrorCode.StoreUnavailable);
            }

            if (fault == WriteFault.Fail)
            {
                // A failed write stops the entity; a message sent while it stops is lost, so wait until it is gone.
                await AwaitAssertAsync(
                    async () => Assert.DoesNotContain("prof", await node.LiveUserProfileEntitiesAsync()),
                    TimeSpan.FromSeconds(10),
                    TimeSpan.FromMilliseconds(100));
            }

            Assert.Equal(before, (await node.Service.GetUserProfileAsync("prof", CancellationToken.None)).Ok());
        }

        await using (var node = await TestNode.StartAsync(database, FailingSqlJournal.ConfigLine))
        {
            Assert.Equal(before, (await node.Service.GetUserProfileAsync("prof", CancellationToken.None)).Ok());
        }
    }
}
