using ConversationActors.Actors.Entities;
using ConversationActors.Actors.Health;
using ConversationActors.Actors.Tests.Support;
using ConversationActors.Domain.Errors;
using Xunit.Abstractions;
using static ConversationActors.Actors.Tests.Support.Commands;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// Issue #19: requests that reach an entity stopping after a failed write are answered STORE_UNAVAILABLE at once
/// (never left to the ask-timeout, here 15 s, which would answer TIMEOUT), and the node's store health follows the
/// store: unavailable on the first failure, available again on the next success.
/// </summary>
public sealed class StoreOutageTests(DatabaseFolder folder, ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(output: output), IClassFixture<DatabaseFolder>
{
    [Fact]
    public async Task Writes_batched_behind_a_failing_write_are_all_answered_STORE_UNAVAILABLE_and_none_is_recorded()
    {
        const string user = "queued-user";
        await using var node = await TestNode.StartAsync(folder.NewConnectionString(), FailingSqlJournal.ConfigLine);
        (await node.Service.ExecuteAsync(user, Message(C2C("bob"), "m0", "bob", Commands.Now - 9_000), CancellationToken.None)).Ok();

        IReadOnlyList<Services.ServiceResult<Protocol.CommandAccepted>> answers;
        using (FailingSqlJournal.Inject(ConversationSetActor.PersistencePrefix + user, WriteFault.FailSlowly))
        {
            var first = node.Service.ExecuteAsync(user, Message(C2C("bob"), "m1", "bob", Commands.Now - 8_000), CancellationToken.None);
            var queued = Enumerable.Range(2, 4)
                .Select(i => node.Service.ExecuteAsync(user, Message(C2C("bob"), $"m{i}", "bob", Commands.Now - 8_000 + i), CancellationToken.None));
            answers = await Task.WhenAll([first, .. queued]);
        }

        // Group commit decided the queued writes against the pending state and wrote them behind the failing one:
        // every caller is answered STORE_UNAVAILABLE, none waits for the ask-timeout.
        Assert.All(answers, a => Assert.Contains("could not be persisted", a.Refused(ErrorCode.StoreUnavailable).Desc, StringComparison.Ordinal));

        // Nothing was acknowledged, so nothing of it shows; the next request recovers the entity.
        var list = (await node.Service.GetPageAsync(user, Domain.Queries.PagePosition.Start, 10, CancellationToken.None)).Ok();
        Assert.Equal("m0", Assert.Single(list.ConversationList).LastMessage!.MsgID);
    }

    [Fact]
    public async Task Requests_queued_for_an_entity_whose_recovery_fails_are_answered_STORE_UNAVAILABLE_not_left_to_time_out()
    {
        const string user = "recovering-user";
        var database = folder.NewConnectionString();
        await using var node = await TestNode.StartAsync(database, FailingSqlJournal.ConfigLine);
        (await node.Service.ExecuteAsync(user, Message(C2C("bob"), "m0", "bob", Commands.Now - 9_000), CancellationToken.None)).Ok();
        node.System.ActorSelection($"/system/sharding/conversations/*/{user}").Tell(Akka.Actor.PoisonPill.Instance);
        await AwaitAssertAsync(async () => Assert.DoesNotContain(user, await node.LiveConversationEntitiesAsync()), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));

        IReadOnlyList<Services.ServiceResult<long>> answers;
        using (FailingSqlJournal.InjectRecoveryFailure(ConversationSetActor.PersistencePrefix + user))
        {
            answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => node.Service.GetTotalUnreadAsync(user, CancellationToken.None)));
        }

        // Stashed while the entity recovered; its recovery failed and it stopped: answered at once by StoppedEntityAnswers.
        Assert.All(answers, a => Assert.Contains("stopped before it handled", a.Refused(ErrorCode.StoreUnavailable).Desc, StringComparison.Ordinal));
        Assert.False(StoreHealth.Get(node.System).IsAvailable);
        await AwaitAssertAsync(async () => Assert.Equal(1, (await node.Service.GetTotalUnreadAsync(user, CancellationToken.None)).Ok()), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));
        Assert.True(StoreHealth.Get(node.System).IsAvailable);
    }

    [Fact]
    public async Task Store_health_turns_unavailable_on_a_failed_write_and_available_on_the_next_success()
    {
        const string user = "health-user";
        await using var node = await TestNode.StartAsync(folder.NewConnectionString(), FailingSqlJournal.ConfigLine);
        var health = StoreHealth.Get(node.System);
        Assert.True(health.IsAvailable);

        using (FailingSqlJournal.Inject(ConversationSetActor.PersistencePrefix + user, WriteFault.Fail))
        {
            (await node.Service.ExecuteAsync(user, Message(C2C("bob"), "m1", "bob", Commands.Now - 5_000), CancellationToken.None)).Refused(ErrorCode.StoreUnavailable);
        }

        Assert.False(health.IsAvailable);
        Assert.Contains("write failed", health.Current!.Cause, StringComparison.Ordinal);

        await AwaitAssertAsync(
            async () => (await node.Service.ExecuteAsync(user, Message(C2C("bob"), "m1", "bob", Commands.Now - 5_000), CancellationToken.None)).Ok(),
            TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(100));
        Assert.True(health.IsAvailable);
    }
}
