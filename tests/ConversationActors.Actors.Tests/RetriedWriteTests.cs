using ConversationActors.Actors.Entities;
using ConversationActors.Actors.Health;
using ConversationActors.Actors.Tests.Support;
using Xunit.Abstractions;
using static ConversationActors.Actors.Tests.Support.Commands;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// Issue 26: a retry that races its first attempt must not look like a store outage. A duplicate decided while the
/// first attempt's write is in flight is answered after that write (DeferAsync); Akka sends the deferred reply through
/// the journal as a write batch with no events, which the SQL plugin failed on ("Sequence contains no elements"),
/// counting a failure on the journal's circuit breaker. A few such retries opened the breaker and every write and
/// recovery on the node failed fast.
/// </summary>
public sealed class RetriedWriteTests(DatabaseFolder folder, ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(output: output), IClassFixture<DatabaseFolder>
{
    [Fact]
    public async Task A_retry_racing_its_first_attempt_leaves_the_store_healthy_for_every_other_user()
    {
        const string user = "retrying-user";

        // One failure opens the breaker, so a single empty write batch would show.
        await using var node = await TestNode.StartAsync(
            folder.NewConnectionString(), FailingSqlJournal.ConfigLine + "\nconversation-actors.store-breaker.max-failures = 1");
        var message = Message(C2C("bob"), "m1", "bob", Commands.Now - 8_000);

        using (FailingSqlJournal.Inject(ConversationSetActor.PersistencePrefix + user, WriteFault.Slow))
        {
            // The first attempt's write is held 300 ms, so the retry is decided while it is in flight.
            var first = node.Service.ExecuteAsync(user, message, CancellationToken.None);
            var retry = node.Service.ExecuteAsync(user, message, CancellationToken.None);
            Assert.True((await first).Ok().Applied);
            Assert.False((await retry).Ok().Applied);
        }

        Assert.Null(StoreHealth.Get(node.System).Current);

        // A user whose entity starts now recovers through the journal's breaker: it must be closed.
        var other = await node.Service.ExecuteAsync("bystander", Message(C2C("carol"), "c1", "carol", Commands.Now - 7_000), CancellationToken.None);
        Assert.True(other.Ok().Applied);
        Assert.Null(StoreHealth.Get(node.System).Current);
    }
}
