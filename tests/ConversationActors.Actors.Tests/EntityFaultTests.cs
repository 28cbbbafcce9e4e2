using ConversationActors.Actors.Entities;
using ConversationActors.Actors.Health;
using ConversationActors.Actors.Tests.Support;
using ConversationActors.Domain.Errors;
using Xunit.Abstractions;
using static ConversationActors.Actors.Tests.Support.Commands;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// Issue 26: a failure of one entity's own data stays with that entity. A poison event (its stored bytes no longer
/// deserialize) fails only its user's recovery: that user is answered with the fault, the store stays available, every
/// other user's writes go on, and the entity is retried with backoff until it recovers.
/// </summary>
public sealed class EntityFaultTests(DatabaseFolder folder, ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(output: output), IClassFixture<DatabaseFolder>
{
    private const string Poisoned = "poisoned-user";
    private const string Backoff = """
        conversation-actors.entity-fault-backoff.min = 300ms
        conversation-actors.entity-fault-backoff.max = 600ms
        """;

    [Fact]
    public async Task A_poison_event_fails_only_its_users_entity_and_every_other_users_writes_go_on()
    {
        var database = await PoisonedDatabaseAsync();
        await using var node = await TestNode.StartAsync(database, Backoff);
        var faults = EntityFaults.Get(node.System);

        // The poisoned user and fifty others at once, each write twice (a retry racing its first attempt).
        var others = Enumerable.Range(0, 50).Select(i => $"bystander-{i}").ToArray();
        var writes = others.SelectMany(user => Enumerable.Repeat(user, 2))
            .Select(user => (User: user, Write: node.Service.ExecuteAsync(user, Message(C2C("bob"), "m-" + user, "bob", Commands.Now - 5_000), CancellationToken.None)))
            .Append((User: Poisoned, Write: node.Service.ExecuteAsync(Poisoned, Message(C2C("carol"), "m3", "carol", Commands.Now - 5_000), CancellationToken.None)))
            .ToArray();
        await Task.WhenAll(writes.Select(w => w.Write));

        foreach (var (user, write) in writes)
        {
            if (user == Poisoned)
            {
                var refusal = (await write).Refused(ErrorCode.StoreUnavailable);
                Assert.Contains(ConversationSetActor.PersistencePrefix + Poisoned, refusal.Desc);
                Assert.Contains("only this entity is affected", refusal.Desc);
            }
            else
            {
                (await write).Ok();
            }
        }

        Assert.Equal(others.Length, others.Count(u => writes.Count(w => w.User == u && w.Write.Result.Ok().Applied) == 1));
        Assert.Null(StoreHealth.Get(node.System).Current);
        var fault = Assert.Single(faults.Current(10));
        Assert.Equal(ConversationSetActor.PersistencePrefix + Poisoned, fault.PersistenceId);
        Assert.Equal("recovery", fault.What);
        Assert.Equal(1, faults.Total);

        // Reads of the poisoned user are refused the same way; other users' reads are answered.
        (await node.Service.GetTotalUnreadAsync(Poisoned, CancellationToken.None)).Refused(ErrorCode.StoreUnavailable);
        Assert.Equal(1, (await node.Service.GetTotalUnreadAsync(others[0], CancellationToken.None)).Ok());
    }

    [Fact]
    public async Task A_poison_event_does_not_count_against_the_journals_circuit_breaker()
    {
        var database = await PoisonedDatabaseAsync();

        // One failure opens the breaker, and nothing else runs between the poisoned recovery and the next one.
        await using var node = await TestNode.StartAsync(database, Backoff + "\nconversation-actors.store-breaker.max-failures = 1");
        (await node.Service.GetTotalUnreadAsync(Poisoned, CancellationToken.None)).Refused(ErrorCode.StoreUnavailable);

        (await node.Service.ExecuteAsync("first-after-poison", Message(C2C("bob"), "m1", "bob", Commands.Now - 5_000), CancellationToken.None)).Ok();
        Assert.Null(StoreHealth.Get(node.System).Current);
    }

    [Fact]
    public async Task A_faulted_entity_is_retried_with_backoff_and_recovers_once_its_data_is_repaired()
    {
        var database = await PoisonedDatabaseAsync();
        await using var node = await TestNode.StartAsync(database, Backoff);
        var faults = EntityFaults.Get(node.System);
        var persistenceId = ConversationSetActor.PersistencePrefix + Poisoned;

        (await node.Service.GetTotalUnreadAsync(Poisoned, CancellationToken.None)).Refused(ErrorCode.StoreUnavailable);
        var first = Assert.Single(faults.Current(10));

        // Within the backoff the entity does not recover again: the fault is not counted twice.
        while (DateTimeOffset.UtcNow < first.RetryAt - TimeSpan.FromMilliseconds(100))
        {
            (await node.Service.GetTotalUnreadAsync(Poisoned, CancellationToken.None)).Refused(ErrorCode.StoreUnavailable);
            if (DateTimeOffset.UtcNow < first.RetryAt)
            {
                Assert.Equal(1, faults.Total);
            }
        }

        // After it, the next request recovers again (and fails again: the backoff doubles).
        var second = await AwaitAssertAsync(async () =>
        {
            (await node.Service.GetTotalUnreadAsync(Poisoned, CancellationToken.None)).Refused(ErrorCode.StoreUnavailable);
            var fault = Assert.Single(faults.Current(10));
            Assert.Equal(2, fault.Failures);
            return fault;
        });
        Assert.True(second.RetryAt - second.LastFailure > first.RetryAt - first.LastFailure);

        // The operator removes the poison event: after the backoff the entity recovers and the fault is cleared.
        SqliteFile.DeleteEvent(database, persistenceId, 2);
        await AwaitAssertAsync(async () => Assert.Equal(1, (await node.Service.GetTotalUnreadAsync(Poisoned, CancellationToken.None)).Ok()));
        Assert.True(faults.IsEmpty);
        Assert.Null(StoreHealth.Get(node.System).Current);
    }

    /// <summary>A database whose poisoned user has two events, the second of which no longer deserializes.</summary>
    private async Task<string> PoisonedDatabaseAsync()
    {
        var database = folder.NewConnectionString();
        await using (var node = await TestNode.StartAsync(database))
        {
            (await node.Service.ExecuteAsync(Poisoned, Message(C2C("bob"), "m1", "bob", Commands.Now - 9_000), CancellationToken.None)).Ok();
            (await node.Service.ExecuteAsync(Poisoned, Message(C2C("carol"), "m2", "carol", Commands.Now - 8_000), CancellationToken.None)).Ok();
        }

        SqliteFile.CorruptEvent(database, ConversationSetActor.PersistencePrefix + Poisoned, 2);
        return database;
    }

    private static async Task<T> AwaitAssertAsync<T>(Func<Task<T>> attempt)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (Xunit.Sdk.XunitException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private static Task AwaitAssertAsync(Func<Task> attempt) => AwaitAssertAsync(async () =>
    {
        await attempt();
        return true;
    });
}
