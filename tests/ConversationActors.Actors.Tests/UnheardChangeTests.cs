using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using ConversationActors.Actors.Protocol;
using ConversationActors.Actors.Tests.Support;
using Xunit.Abstractions;
using static ConversationActors.Actors.Tests.Support.Commands;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// Issue 27: a write's change items cost nothing where nobody listens. The entity publishes them to its users' topic;
/// with no subscriber Akka's mediator wrapped each in a dead letter (an allocation, an EventStream publish to every
/// dead-letter subscriber, a log line) for every write of every user without a stream.
/// </summary>
public sealed class UnheardChangeTests(DatabaseFolder folder, ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(output: output), IClassFixture<DatabaseFolder>
{
    [Fact]
    public async Task A_write_of_a_user_nobody_listens_to_makes_no_dead_letter()
    {
        await using var node = await TestNode.StartAsync(folder.NewConnectionString());
        var letters = CreateTestProbe(node.System);
        node.System.EventStream.Subscribe(letters.Ref, typeof(AllDeadLetters));

        (await node.Service.ExecuteAsync("unheard-user", Message(C2C("bob"), "m1", "bob", Commands.Now - 5_000), CancellationToken.None)).Ok();

        // The entity published before it answered; once the mediator answers a later question, it has handled that
        // publish, and a dead letter of it would already be in the probe's mailbox, ahead of this marker.
        var mediator = DistributedPubSub.Get(node.System).Mediator;
        await mediator.Ask<object>(GetTopics.Instance, TimeSpan.FromSeconds(10));
        node.System.EventStream.Publish(new DeadLetter("marker", node.System.DeadLetters, node.System.DeadLetters));

        Assert.Equal("marker", letters.ExpectMsg<AllDeadLetters>().Message);
    }
}
