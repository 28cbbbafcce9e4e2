using System.Threading.Channels;
using Akka.Actor;
using ConversationActors.Actors.Entities;
using ConversationActors.Actors.Protocol;
using ConversationActors.Actors.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;
using static ConversationActors.Actors.Tests.Support.Commands;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// Issue 27: a stream registers with its user's entity through the shard region and the entity sends each event's
/// changes straight to it; a user nobody listens to has nothing computed or sent; a stream whose entity stopped
/// registers again and misses nothing.
/// </summary>
public sealed class ChangeDeliveryTests(DatabaseFolder folder, ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(output: output), IClassFixture<DatabaseFolder>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_write_of_a_user_nobody_listens_to_records_no_change_items_and_one_with_a_stream_sends_them_to_it()
    {
        await using var node = await TestNode.StartAsync(folder.NewConnectionString());
        (await node.Service.ExecuteAsync("unheard", Message(C2C("bob"), "m1", "bob", Commands.Now - 5_000), CancellationToken.None)).Ok();

        // Nobody listened: the entity recorded nothing, so the changes after seq 0 are not in its history.
        var unheard = (await node.Service.GetChangesAsync("unheard", 0, 10, CancellationToken.None)).Ok();
        Assert.Equal((1L, null), (unheard.LastSequenceNr, unheard.Changes));

        var live = Channel.CreateUnbounded<EventChanges>();
        var dropped = 0;
        await using var subscription = (await node.Service.SubscribeChangesAsync("heard", null, 10, live, () => dropped++, CancellationToken.None)).Ok();
        Assert.Equal((0L, 0L), (subscription.First.LastSequenceNr, subscription.First.TotalUnreadCount));
        (await node.Service.ExecuteAsync("heard", Message(C2C("bob"), "m1", "bob", Commands.Now - 5_000), CancellationToken.None)).Ok();

        var changes = await subscription.Live.ReadAsync().AsTask().WaitAsync(Patience);
        Assert.Equal((1L, 1L, "C2Cbob"), (changes.SequenceNr, changes.TotalUnreadCount, changes.Items.Single().Conversation!.ConversationID));
        Assert.Equal(0, dropped);

        // Recorded from the registration on: a resume at 0 is served from the entity's history.
        Assert.Equal([1L], (await node.Service.GetChangesAsync("heard", 0, 10, CancellationToken.None)).Ok().Changes!.Select(c => c.SequenceNr));
    }

    [Fact]
    public async Task A_stream_whose_entity_stopped_registers_again_and_gets_every_later_event()
    {
        const string user = "moving";
        await using var node = await TestNode.StartAsync(folder.NewConnectionString());
        var live = Channel.CreateUnbounded<EventChanges>();
        await using var subscription = (await node.Service.SubscribeChangesAsync(user, null, 10, live, () => { }, CancellationToken.None)).Ok();
        (await node.Service.ExecuteAsync(user, Message(C2C("bob"), "m1", "bob", Commands.Now - 5_000), CancellationToken.None)).Ok();
        Assert.Equal(1L, (await subscription.Live.ReadAsync().AsTask().WaitAsync(Patience)).SequenceNr);

        // The entity stops (as a passivation or a rebalance stops it); the subscriber sees it stop and registers again,
        // which starts a new incarnation (the same path, another actor). Writes go to that one.
        var entity = node.System.ActorSelection($"/system/sharding/conversations/*/{user}");
        var first = await entity.ResolveOne(Patience);
        first.Tell(PoisonPill.Instance);
        await AwaitAssertAsync(async () => Assert.NotEqual(first, await entity.ResolveOne(Patience)), Patience, TimeSpan.FromMilliseconds(50));
        for (var i = 2; i <= 4; i++)
        {
            (await node.Service.ExecuteAsync(user, Message(C2C("bob"), $"m{i}", "bob", Commands.Now - 5_000 + i), CancellationToken.None)).Ok();
        }

        // Every later event reaches the stream: live once the subscriber registered again, or as a "missed" marker for the
        // events the new incarnation took before the registration (the stream reads those from the journal).
        var seen = 1L;
        while (seen < 4)
        {
            var next = await subscription.Live.ReadAsync().AsTask().WaitAsync(Patience);
            Assert.True(next.SequenceNr > seen, $"seq {next.SequenceNr} after {seen}");
            Assert.True(next.Oversized || next.SequenceNr == seen + 1, $"live seq {next.SequenceNr} skipped past {seen}");
            seen = next.SequenceNr;
        }

        // And it is registered with the new incarnation: the next write comes live.
        (await node.Service.ExecuteAsync(user, Message(C2C("bob"), "m5", "bob", Commands.Now), CancellationToken.None)).Ok();
        var fifth = await subscription.Live.ReadAsync().AsTask().WaitAsync(Patience);
        Assert.Equal((5L, false), (fifth.SequenceNr, fifth.Oversized));
    }

    [Fact]
    public async Task After_the_last_stream_left_the_entity_keeps_its_history_for_the_grace_and_then_drops_it()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        long At() => clock.GetUtcNow().ToUnixTimeMilliseconds() - 1_000;
        await using var node = await TestNode.StartAsync(folder.NewConnectionString(), time: clock);
        var live = Channel.CreateUnbounded<EventChanges>();
        var subscription = (await node.Service.SubscribeChangesAsync("leaving", null, 10, live, () => { }, CancellationToken.None)).Ok();
        (await node.Service.ExecuteAsync("leaving", Message(C2C("bob"), "m1", "bob", At()), CancellationToken.None)).Ok();
        Assert.Equal(1L, (await subscription.Live.ReadAsync().AsTask().WaitAsync(Patience)).SequenceNr);
        await subscription.DisposeAsync();

        // Patience the grace a reconnecting stream still resumes from the history.
        (await node.Service.ExecuteAsync("leaving", Message(C2C("bob"), "m2", "bob", At()), CancellationToken.None)).Ok();
        Assert.Equal([1L, 2L], (await node.Service.GetChangesAsync("leaving", 0, 10, CancellationToken.None)).Ok().Changes!.Select(c => c.SequenceNr));

        // Once the entity saw the stream stop, an event later than the grace drops the history: a resume reads the journal.
        var i = 2;
        await AwaitAssertAsync(
            async () =>
            {
                clock.Advance(TimeSpan.FromMilliseconds(ChangeDelivery.ReconnectGrace + 1_000));
                (await node.Service.ExecuteAsync("leaving", Message(C2C("bob"), $"m{++i}", "bob", At()), CancellationToken.None)).Ok();
                Assert.Null((await node.Service.GetChangesAsync("leaving", 1, 10, CancellationToken.None)).Ok().Changes);
            },
            Patience,
            TimeSpan.FromMilliseconds(50));
    }
}
