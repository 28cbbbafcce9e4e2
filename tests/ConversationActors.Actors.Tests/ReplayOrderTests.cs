using ConversationActors.Actors.Entities;
using ConversationActors.Actors.Tests.Support;
using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Errors;
using Xunit.Abstractions;
using static ConversationActors.Actors.Tests.Support.Commands;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// Issue #14 (4): recovery stays a fold of the journal in sequence order when the journal misbehaves
/// (<see cref="FailingSqlJournal"/> replays the stored rows twice, or two of them swapped): an event replayed again is
/// skipped, and an out-of-order replay fails the recovery instead of answering from a state the journal does not hold.
/// With a dedupe window of one msgID, a message replayed again would be counted again: the fold alone does not save it.
/// </summary>
public sealed class ReplayOrderTests(DatabaseFolder folder, ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(output: output), IClassFixture<DatabaseFolder>
{
    private const string Config = FailingSqlJournal.ConfigLine + "\nconversation-actors.dedupe-window = 1";

    [Fact]
    public async Task Events_replayed_twice_are_applied_once()
    {
        const string user = "replay-twice";
        var database = folder.NewConnectionString();
        var before = await WriteStoryAsync(database, user);

        await using var node = await TestNode.StartAsync(database, Config);
        using (FailingSqlJournal.InjectReplayFault(ConversationSetActor.PersistencePrefix + user, ReplayFault.Duplicated))
        {
            Assert.Equal(before, await node.Service.DescribeUserAsync(user));
            Assert.Equal(3, (await node.Service.GetTotalUnreadAsync(user, CancellationToken.None)).Ok());
        }
    }

    [Fact]
    public async Task An_out_of_order_replay_fails_the_recovery_and_a_later_one_in_order_answers_the_stored_state()
    {
        const string user = "replay-swapped";
        var database = folder.NewConnectionString();
        var before = await WriteStoryAsync(database, user);

        await using var node = await TestNode.StartAsync(database, Config);
        using (FailingSqlJournal.InjectReplayFault(ConversationSetActor.PersistencePrefix + user, ReplayFault.OutOfOrder))
        {
            (await node.Service.GetTotalUnreadAsync(user, CancellationToken.None)).Refused(ErrorCode.StoreUnavailable);
        }

        await AwaitAssertAsync(
            async () => Assert.Equal(before, await node.Service.DescribeUserAsync(user)),
            TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task A_profile_entity_guards_its_replay_too_an_out_of_order_replay_never_answers_an_older_profile()
    {
        const string user = "profile-swapped";
        var database = folder.NewConnectionString();
        await using (var writer = await TestNode.StartAsync(database, Config))
        {
            foreach (var nickname in new[] { "one", "two", "three" })
            {
                (await writer.Service.UpdateUserProfileAsync(user, new Domain.Profiles.UserProfilePatch(["nickname"], nickname, null, null), CancellationToken.None)).Ok();
            }
        }

        await using var node = await TestNode.StartAsync(database, Config);
        using (FailingSqlJournal.InjectReplayFault(UserProfileActor.PersistencePrefix + user, ReplayFault.OutOfOrder))
        {
            // Replayed 1, 3, 2: folded as is, the profile would say "two".
            (await node.Service.GetUserProfileAsync(user, CancellationToken.None)).Refused(ErrorCode.StoreUnavailable);
        }

        await AwaitAssertAsync(
            async () => Assert.Equal("three", (await node.Service.GetUserProfileAsync(user, CancellationToken.None)).Ok().Nickname),
            TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(100));
    }

    /// <summary>Three incoming messages, a read of the first conversation, one more message: the order matters for unread.</summary>
    private static async Task<string> WriteStoryAsync(string database, string user)
    {
        await using var node = await TestNode.StartAsync(database, Config);
        (await node.Service.ExecuteAsync(user, Message(C2C("bob"), "m1", "bob", Commands.Now - 5_000), CancellationToken.None)).Ok();
        (await node.Service.ExecuteAsync(user, Message(C2C("bob"), "m2", "bob", Commands.Now - 4_000), CancellationToken.None)).Ok();
        (await node.Service.ExecuteAsync(user, Message(C2C("carol"), "m3", "carol", Commands.Now - 3_000), CancellationToken.None)).Ok();
        (await node.Service.ExecuteAsync(user, new MarkRead(C2C("bob"), null), CancellationToken.None)).Ok();
        (await node.Service.ExecuteAsync(user, Message(C2C("bob"), "m4", "bob", Commands.Now - 2_000), CancellationToken.None)).Ok();
        (await node.Service.ExecuteAsync(user, Message(C2C("dave"), "m5", "dave", Commands.Now - 1_000), CancellationToken.None)).Ok();
        var described = await node.Service.DescribeUserAsync(user);
        Assert.Equal(3, (await node.Service.GetTotalUnreadAsync(user, CancellationToken.None)).Ok());
        return described;
    }
}
