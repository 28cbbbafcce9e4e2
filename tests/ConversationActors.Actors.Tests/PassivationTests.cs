using Akka.Actor;
using ConversationActors.Actors.Tests.Support;
using ConversationActors.Domain.Commands;
using Xunit.Abstractions;
using static ConversationActors.Actors.Tests.Support.Commands;

namespace ConversationActors.Actors.Tests;

/// <summary>Idle entities leave memory after passivate-after and come back, transparently, on their next message.</summary>
public sealed class PassivationTests(DatabaseFolder folder, ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(output: output), IClassFixture<DatabaseFolder>
{
    [Fact]
    public async Task An_idle_entity_is_passivated_and_the_next_message_finds_its_state_unchanged()
    {
        await using var node = await TestNode.StartAsync(folder.NewConnectionString(), "conversation-actors.passivate-after = 1s");
        Assert.Equal(TimeSpan.FromSeconds(1), node.System.Settings.Config.GetTimeSpan("akka.cluster.sharding.passivate-idle-entity-after"));

        const string user = "idle-user";
        var message = Message(C2C("bob"), "m1", "bob", Commands.Now - 5_000);
        (await node.Service.ExecuteAsync(user, message, CancellationToken.None)).Ok();
        (await node.Service.ExecuteAsync(user, new SetDraft(C2C("bob"), "later"), CancellationToken.None)).Ok();
        var before = await node.Service.DescribeUserAsync(user);
        Assert.Contains(user, await node.LiveConversationEntitiesAsync());

        await AwaitAssertAsync(
            async () => Assert.DoesNotContain(user, await node.LiveConversationEntitiesAsync()),
            TimeSpan.FromSeconds(15),
            TimeSpan.FromMilliseconds(200));

        Assert.Equal(before, await node.Service.DescribeUserAsync(user));
        Assert.Contains(user, await node.LiveConversationEntitiesAsync());
        var retry = (await node.Service.ExecuteAsync(user, message, CancellationToken.None)).Ok();
        Assert.False(retry.Applied);
        var next = (await node.Service.ExecuteAsync(user, new SetPinned(C2C("bob"), true), CancellationToken.None)).Ok();
        Assert.Equal(3, next.SequenceNr);
    }

    [Fact]
    public async Task An_entity_in_use_is_not_passivated()
    {
        // 3 s, not 1 s: the busy entity is asked every ~200 ms, and a loaded 2-core CI machine once stalled the loop for
        // over a second, which passivated it for being idle — the margin keeps "in use" true on a busy machine.
        await using var node = await TestNode.StartAsync(folder.NewConnectionString(), "conversation-actors.passivate-after = 3s");
        const string busy = "busy-user";
        const string idle = "idle-neighbour";
        (await node.Service.GetTotalUnreadAsync(idle, CancellationToken.None)).Ok();
        (await node.Service.GetTotalUnreadAsync(busy, CancellationToken.None)).Ok();

        // The busy entity's own incarnation, watched: a passivation stops it (a Terminated), while asking the region
        // would start a new one and hide it. Watching and identifying the ref never goes through the shard, so it
        // neither wakes the entity nor counts as use.
        var entity = await node.System.ActorSelection(node.Regions.Conversations.Path / "*" / busy).ResolveOne(TimeSpan.FromSeconds(5));
        var watcher = CreateTestProbe(node.System);
        watcher.Watch(entity);

        // Keep the busy user in use until its idle neighbour, started at the same time, has been passivated.
        await AwaitAssertAsync(
            async () =>
            {
                (await node.Service.GetTotalUnreadAsync(busy, CancellationToken.None)).Ok();
                Assert.DoesNotContain(idle, await node.LiveConversationEntitiesAsync());
            },
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(200));

        Assert.False(watcher.HasMessages, "the busy entity was stopped (passivated) while in use");
        var identity = await entity.Ask<ActorIdentity>(new Identify(busy), TimeSpan.FromSeconds(5));
        Assert.Equal(entity, identity.Subject);
    }
}
