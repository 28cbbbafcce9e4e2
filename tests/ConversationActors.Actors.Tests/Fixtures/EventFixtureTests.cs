using System.Text;
using System.Text.Json;
using ConversationActors.Actors.Serialization;
using ConversationActors.Domain;
using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Fold;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.Profiles;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.State;

namespace ConversationActors.Actors.Tests.Fixtures;

/// <summary>
/// Events are forever: the stored samples of every released schema version (tests/fixtures/events/vN,
/// bytes exactly as the serializer wrote them, with their manifests) must always replay into the
/// same state. Never regenerate these files; add a new version folder instead.
/// </summary>
public sealed class EventFixtureTests
{
    private const long T = 1_795_000_000_000;
    private const long Now = T + 200;
    private static readonly long Retention = (long)TimeSpan.FromDays(7).TotalMilliseconds;

    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "fixtures", "events");

    [Fact]
    public void The_v1_journal_of_alice_replays_into_the_known_list()
    {
        var state = Fold(Read("v1/conversations-alice.ndjson"));
        var list = ListQueries.All(state, Now, Retention).ConversationList;

        Assert.Equal(["C2Cbob", "C2Cfrank", "C2Cerin", "GROUP@TGS#2TEAM", "GROUP@TGS#2LIVE"], list.Select(c => c.ConversationID));
        Assert.Equal([10L, 11L, 9L, 8L, 4L], list.Select(c => c.OrderKey));

        var bob = list[0];
        Assert.True(bob.IsPinned);
        Assert.Equal(1, bob.UnreadCount);
        Assert.Equal(new LastMessage("m2", "alice", T + 2, ElemType.Text, LastMessage.RevokedSummary, IsSelf: true, IsRevoked: true), bob.LastMessage);
        Assert.Null(bob.DraftText);
        Assert.Equal("Bobby", bob.FriendRemark);

        var team = list[3];
        Assert.False(team.IsPinned);
        Assert.Equal(GroupType.Work, team.GroupType);
        Assert.Equal(0, team.UnreadCount);
        Assert.Empty(team.GroupAtInfoList);

        var erin = list[2];
        Assert.Equal(RecvOpt.NotReceive, erin.RecvOpt);
        Assert.Null(erin.LastMessage);
        Assert.Equal(0, erin.UnreadCount);

        Assert.Equal(0, list[4].UnreadCount); // AVChatRoom known from the group profile
        Assert.Equal(0, list[1].UnreadCount); // countsUnread: false
        Assert.Equal(1, ListQueries.TotalUnread(state, Now, Retention));
        Assert.Equal(2, ListQueries.Stats(state, "C2Cbob", Now, Retention)!.MessageCount);
    }

    [Fact]
    public void The_v1_organizing_events_replay_into_known_marks_custom_data_and_groups()
    {
        const long at = 1_795_100_000_200;
        var state = Fold(Read("v1/conversations-alice-organize.ndjson"));

        var list = ListQueries.All(state, at, Retention).ConversationList;
        var bob = Assert.Single(list); // GROUPteam is HIDE-marked: left out of the list
        Assert.Equal("C2Cbob", bob.ConversationID);
        Assert.Equal([1UL], bob.MarkList);
        Assert.Equal("vip", bob.CustomData);
        Assert.Equal(["job"], bob.ConversationGroupList);
        var team = ListQueries.Get(state, "GROUPteam", at, Retention)!;
        Assert.Equal([8UL], team.MarkList);
        Assert.Empty(team.ConversationGroupList);
        Assert.Equal(["job"], state.ConversationGroups);
        Assert.Equal(2, ListQueries.TotalUnread(state, at, Retention)); // hidden still counts
    }

    [Fact]
    public void A_v1_revoke_is_upcast_to_the_current_schema_with_no_revoker()
    {
        var revoke = Read("v1/conversations-alice.ndjson").Single(e => e.Manifest == "MessageRevoked.v1");

        var evt = Assert.IsType<MessageRevoked>(revoke.Event);

        Assert.Null(evt.RevokerID);
        Assert.Equal("m2", evt.MsgID);
        Assert.Equal("MessageRevoked.v2", PayloadCodec.ManifestOf(evt));
    }

    [Fact]
    public void A_v2_revoke_carries_its_revoker_and_folds_like_a_v1_one()
    {
        var v1 = Read("v1/conversations-alice.ndjson");
        var v2 = Read("v2/conversations-alice-revoke.ndjson").Single();
        var withV2 = v1.Select(e => e.Manifest == "MessageRevoked.v1" ? v2 : e).ToArray();

        Assert.Equal("bob", Assert.IsType<MessageRevoked>(v2.Event).RevokerID);
        Assert.Equal(Json(Fold(v1)), Json(Fold(withV2)));
    }

    [Fact]
    public void The_v1_snapshot_restores_to_the_state_its_journal_folds_to()
    {
        var stored = Read("v1/snapshot-alice.ndjson").Single();
        var snapshot = Assert.IsType<ConversationSetSnapshot>(stored.Event);

        var restored = snapshot.Restore(10_000);

        // Snapshots written before SPEC 3.4's delete watermark carry none (docs/decisions.md): everything else is equal.
        var folded = Fold(Read("v1/conversations-alice.ndjson"));
        Assert.NotEqual(0, folded.DeleteWatermarks.Count);
        Assert.Equal(0, restored.DeleteWatermarks.Count);
        Assert.Equal(Json(folded with { DeleteWatermarks = DeleteWatermarks.Empty }), Json(restored));
    }

    [Fact]
    public void The_v3_journal_replays_the_revoke_and_delete_rules_of_spec_3_4()
    {
        const long t = 1_795_200_000_000;
        const long now = t + 200;
        var state = Fold(Read("v3/conversations-alice-delete-revoke.ndjson"));

        var team = Assert.Single(ListQueries.All(state, now, Retention).ConversationList);
        Assert.Equal("GROUPteam", team.ConversationID);
        Assert.Empty(team.GroupAtInfoList); // g1 mentioned alice and was revoked
        Assert.Equal(2, team.UnreadCount); // unread never goes down on revoke
        Assert.Equal("g2", team.LastMessage!.MsgID);
        Assert.Null(ListQueries.Get(state, "C2Cbob", now, Retention));

        // A delayed copy at or before the deleted history records nothing; a newer message creates it afresh.
        Assert.Empty(Decider.Decide(state, Message("C2Cbob", "m0", t + 3), now, ConversationSettings.Default).Events);
        Assert.IsType<MessageAdded>(Decider.Decide(state, Message("C2Cbob", "m2", t + 4), now, ConversationSettings.Default).Event);
    }

    [Fact]
    public void The_v3_snapshot_with_delete_watermarks_restores_to_the_state_its_journal_folds_to()
    {
        var snapshot = Assert.IsType<ConversationSetSnapshot>(Read("v3/snapshot-alice-delete-watermarks.ndjson").Single().Event);

        var restored = snapshot.Restore(10_000);

        Assert.Equal(1_795_200_000_003, restored.DeleteWatermarks.For("C2Cbob"));
        Assert.Equal(Json(Fold(Read("v3/conversations-alice-delete-revoke.ndjson"))), Json(restored));
    }

    [Fact]
    public void The_v4_snapshot_with_the_journal_life_cycle_fields_restores_and_keeps_them_when_written_again()
    {
        // Written with journal.retention on (issue 15): its last event's time and the older snapshot kept beside it.
        var stored = Read("v4/snapshot-alice-retention.ndjson").Single();
        var snapshot = Assert.IsType<ConversationSetSnapshot>(stored.Event);

        Assert.Equal(1_795_200_000_140, snapshot.LastEventAt);
        Assert.Equal([new SnapshotCheckpoint(2, 1_795_200_000_110)], snapshot.Checkpoints);
        Assert.Equal(Json(Fold(Read("v3/conversations-alice-delete-revoke.ndjson"))), Json(snapshot.Restore(10_000)));

        // Written again it is a v2 snapshot (dedupe hashes, issue #14), and it keeps the life-cycle fields.
        var again = Assert.IsType<ConversationSetSnapshot>(PayloadCodec.Deserialize(PayloadCodec.Serialize(snapshot), PayloadCodec.ManifestOf(snapshot)));
        Assert.Equal(snapshot.LastEventAt, again.LastEventAt);
        Assert.Equal(snapshot.Checkpoints, again.Checkpoints);
        Assert.Equal(Json(snapshot.Restore(10_000)), Json(again.Restore(10_000)));
    }

    [Fact]
    public void The_v4_snapshot_with_dedupe_hashes_restores_to_the_state_its_journal_folds_to()
    {
        var stored = Read("v4/snapshot-alice-dedupe-hashes.ndjson").Single();
        var snapshot = Assert.IsType<ConversationSetSnapshot>(stored.Event);

        var restored = snapshot.Restore(10_000);

        Assert.Equal("ConversationSetSnapshot.v2", stored.Manifest);
        Assert.Empty(snapshot.DedupeKeys);
        var folded = Fold(Read("v1/conversations-alice.ndjson"));
        Assert.Equal(Json(folded), Json(restored));
        Assert.Equal(folded.Dedupe.OldestFirst, restored.Dedupe.OldestFirst);
        Assert.True(restored.Dedupe.Contains(DedupeKey.Of("C2Cbob", "m1")));
    }

    [Fact]
    public void The_v1_profile_events_still_read()
    {
        var profiles = Read("v1/profiles.ndjson").Select(e => e.Event).ToArray();

        Assert.Equal(new UserProfile("bob", "Bob", "https://example.com/bob.png", "hello"), Assert.IsType<UserProfileChanged>(profiles[0]).Profile);
        Assert.Equal(
            new GroupProfile("@TGS#2TEAM", "Team", null, GroupType.Work, "intro", "notice", "carol", 3),
            Assert.IsType<GroupProfileChanged>(profiles[1]).Profile);
    }

    [Fact]
    public void Every_event_type_of_the_current_schema_is_covered_by_a_fixture()
    {
        var stored = Directory.GetFiles(Folder, "*.ndjson", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("manifest").GetString()!)
            .ToHashSet();
        var persisted = Manifests.ByType
            .Where(kv => typeof(IConversationEvent).IsAssignableFrom(kv.Key) || typeof(IProfileEvent).IsAssignableFrom(kv.Key) || kv.Key == typeof(ConversationSetSnapshot))
            .Select(kv => kv.Value);

        Assert.All(persisted, manifest => Assert.Contains(manifest, stored));
    }

    private static AddMessage Message(string conversationID, string msgID, long timestamp) =>
        new(ConversationId.Parse(conversationID), msgID, "bob", timestamp, ElemType.Text, "hi", [], false, null, true);

    private static ConversationSet Fold(IEnumerable<Stored> events) =>
        events.Select(e => (IConversationEvent)e.Event).Aggregate(ConversationSet.Empty("alice", 10_000), (s, e) => s.Apply(e));

    private static string Json(ConversationSet set) => JsonSerializer.Serialize(ConversationSetSnapshot.Of(set), PayloadCodec.Options);

    internal static Stored[] Read(string file) =>
        File.ReadLines(Path.Combine(Folder, file))
            .Where(l => l.Length > 0)
            .Select(l =>
            {
                var line = JsonDocument.Parse(l).RootElement;
                var manifest = line.GetProperty("manifest").GetString()!;
                var payload = Encoding.UTF8.GetBytes(line.GetProperty("payload").GetString()!);
                return new Stored(line.GetProperty("seq").GetInt64(), manifest, PayloadCodec.Deserialize(payload, manifest));
            })
            .ToArray();

    internal sealed record Stored(long Seq, string Manifest, object Event);
}
