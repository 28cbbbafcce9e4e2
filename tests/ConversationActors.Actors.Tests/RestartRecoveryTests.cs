using ConversationActors.Actors.Entities;
using ConversationActors.Actors.Tests.Support;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.Profiles;
using static ConversationActors.Actors.Tests.Support.Commands;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// Stop the whole ActorSystem, start a new one on the same SQLite file: every entity recovers exactly the
/// state it had, from the journal alone or from a snapshot and its tail.
/// </summary>
public sealed class RestartRecoveryTests(DatabaseFolder folder) : IClassFixture<DatabaseFolder>
{
    [Fact]
    public async Task Every_users_list_stats_unread_and_dedupe_memory_survive_an_ActorSystem_restart()
    {
        var database = folder.NewConnectionString();
        string[] users = ["alice", "bruno", "chen"];
        var played = new Dictionary<string, UserStory.Played>();
        var before = new Dictionary<string, string>();

        await using (var node = await TestNode.StartAsync(database, SerializingNodeFixture.SerializeEverything))
        {
            foreach (var user in users)
            {
                played[user] = await UserStory.PlayAsync(node.Service, user);
                before[user] = await node.Service.DescribeUserAsync(user);
            }
        }

        await using (var node = await TestNode.StartAsync(database, SerializingNodeFixture.SerializeEverything))
        {
            foreach (var user in users)
            {
                Assert.Equal(before[user], await node.Service.DescribeUserAsync(user));
                await AssertEveryMessageIsRememberedAsync(node, user, played[user]);
                Assert.Equal(before[user], await node.Service.DescribeUserAsync(user));
            }

            await AssertTheHiddenWatermarksWereRecoveredAsync(node, "alice", played["alice"]);
            await AssertTheSequenceAndTheOrderKeysContinueAsync(node, "bruno", played["bruno"]);
        }
    }

    [Fact]
    public async Task Recovery_from_a_snapshot_and_its_tail_equals_a_full_replay_of_the_same_events()
    {
        const string user = "snap-user";
        const string persistenceId = ConversationSetActor.PersistencePrefix + user;
        var database = folder.NewConnectionString();
        UserStory.Played played;
        string live;

        await using (var node = await TestNode.StartAsync(database, "conversation-actors.snapshot-every = 7"))
        {
            played = await UserStory.PlayAsync(node.Service, user);
            live = await node.Service.DescribeUserAsync(user);
        }

        // 27 events: snapshots at 7, 14 and 21 (older ones deleted after each save), then a tail of 6.
        Assert.NotEqual(0, played.LastSequenceNr % 7);
        Assert.Equal(played.LastSequenceNr / 7 * 7, SqliteFile.SnapshotSequenceNrs(database, persistenceId).Max());

        string fromSnapshot;
        await using (var node = await TestNode.StartAsync(database, "conversation-actors.snapshot-every = 7"))
        {
            fromSnapshot = await node.Service.DescribeUserAsync(user);
            await AssertEveryMessageIsRememberedAsync(node, user, played);
        }

        SqliteFile.DeleteSnapshots(database, persistenceId);
        string fromJournal;
        await using (var node = await TestNode.StartAsync(database, "conversation-actors.snapshot-every = 10000000"))
        {
            fromJournal = await node.Service.DescribeUserAsync(user);
            await AssertEveryMessageIsRememberedAsync(node, user, played);
        }

        Assert.Equal(live, fromSnapshot);
        Assert.Equal(fromJournal, fromSnapshot);
        Assert.Equal(played.LastSequenceNr, SqliteFile.JournalSequenceNrs(database, persistenceId).Max());
    }

    [Fact]
    public async Task Profiles_survive_a_restart_from_their_journal_and_snapshots()
    {
        var database = folder.NewConnectionString();
        UserProfile user;
        GroupProfile group;

        await using (var node = await TestNode.StartAsync(database, "conversation-actors.snapshot-every = 2"))
        {
            var service = node.Service;
            await service.UpdateUserProfileAsync("pat", new UserProfilePatch(["nickname"], "Pat", null, null), CancellationToken.None);
            await service.UpdateUserProfileAsync("pat", new UserProfilePatch(["faceUrl"], null, "https://p/1.png", null), CancellationToken.None);
            user = (await service.UpdateUserProfileAsync("pat", new UserProfilePatch(["selfSignature"], null, null, "here"), CancellationToken.None)).Ok();
            group = (await service.UpdateGroupProfileAsync(
                "@TGS#team",
                new GroupProfilePatch(GroupProfilePatch.Fields, "Team", null, GroupType.Meeting, "intro", "notice", "pat", 3),
                CancellationToken.None)).Ok();
        }

        Assert.Equal([2], SqliteFile.SnapshotSequenceNrs(database, UserProfileActor.PersistencePrefix + "pat"));

        await using (var node = await TestNode.StartAsync(database, "conversation-actors.snapshot-every = 2"))
        {
            Assert.Equal(user, (await node.Service.GetUserProfileAsync("pat", CancellationToken.None)).Ok());
            Assert.Equal(group, (await node.Service.GetGroupProfileAsync("@TGS#team", CancellationToken.None)).Ok());
        }
    }

    /// <summary>Every message of the story, sent again, is a duplicate: the dedupe memory was recovered.</summary>
    private static async Task AssertEveryMessageIsRememberedAsync(TestNode node, string user, UserStory.Played played)
    {
        foreach (var message in played.Messages)
        {
            var retry = (await node.Service.ExecuteAsync(user, message, CancellationToken.None)).Ok();
            Assert.False(retry.Applied, $"{message.MsgID} in {message.ConversationID} was applied twice");
            Assert.Equal(played.LastSequenceNr, retry.SequenceNr);
        }
    }

    /// <summary>The read and clearHistory watermarks are not in any answer, but they must survive too.</summary>
    private static async Task AssertTheHiddenWatermarksWereRecoveredAsync(TestNode node, string user, UserStory.Played played)
    {
        var service = node.Service;
        var lateRead = (await service.ExecuteAsync(user, Message(Group("@TGS#work"), "g-late", "dave", played.T + 4_900), CancellationToken.None)).Ok();
        Assert.Equal(2, lateRead.Conversation!.UnreadCount);

        var lateCleared = (await service.ExecuteAsync(user, Message(C2C("erin"), "e-late", "erin", played.T + 11_500), CancellationToken.None)).Ok();
        Assert.Null(lateCleared.Conversation!.LastMessage);
        Assert.Equal(0, lateCleared.Conversation.UnreadCount);
    }

    private static async Task AssertTheSequenceAndTheOrderKeysContinueAsync(TestNode node, string user, UserStory.Played played)
    {
        var highest = (await node.Service.GetPageAsync(user, Domain.Queries.PagePosition.Start, int.MaxValue, CancellationToken.None)).Ok()
            .ConversationList.Max(c => c.OrderKey);

        var next = (await node.Service.ExecuteAsync(user, Message(C2C("zed"), "z1", "zed", Now - 1_000), CancellationToken.None)).Ok();

        Assert.Equal(played.LastSequenceNr + 1, next.SequenceNr);
        Assert.True(next.Conversation!.OrderKey > highest, $"orderKey {next.Conversation.OrderKey} after a restart must exceed {highest}");
    }
}
