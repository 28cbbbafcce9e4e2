using System.Text.Json;
using ConversationActors.Actors.Serialization;
using ConversationActors.Domain;
using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Fold;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.State;

namespace ConversationActors.Actors.Tests.Fixtures;

/// <summary>
/// Snapshots are a stored contract of their own (issue #18): their JSON field names are frozen here, and they are
/// built from snapshot records, not from the live state, so reshaping <see cref="ConversationEntry"/> cannot change them.
/// </summary>
public sealed class SnapshotContractTests
{
    [Fact]
    public void The_snapshot_field_names_are_the_frozen_v2_contract()
    {
        var snapshot = JsonSerializer.SerializeToElement(ConversationSetSnapshot.Of(SampleState()), PayloadCodec.Options);
        var conversation = snapshot.GetProperty("conversations")[0];

        Assert.Equal(["ownerID", "maxOrderKey", "conversations", "dedupeKeys", "remarks", "conversationGroups", "deleteWatermarks", "dedupeHashes"], Names(snapshot));
        Assert.Equal(
            ["id", "orderKey", "isPinned", "groupType", "lastMessage", "unread", "atEntries", "draftText", "draftTimestamp", "recvOpt",
             "activityTime", "readWatermark", "clearWatermark", "newestMessageTimestamp", "messageCount", "firstMessageTimestamp",
             "createdAt", "marks", "customData", "conversationGroups"],
            Names(conversation));
        Assert.Equal(["msgID", "senderID", "timestamp", "elemType", "summary", "isSelf", "isRevoked"], Names(conversation.GetProperty("lastMessage")));
        Assert.Equal(["count", "tracked", "overflowMaxTimestamp"], Names(conversation.GetProperty("unread")));
        Assert.Equal(["msgID", "atType", "timestamp"], Names(conversation.GetProperty("atEntries")[0]));
    }

    [Fact]
    public void With_the_journal_life_cycle_on_a_snapshot_adds_only_lastEventAt_and_checkpoints()
    {
        var snapshot = ConversationSetSnapshot.Of(SampleState()) with { LastEventAt = 1_795_300_000_100, Checkpoints = [new SnapshotCheckpoint(4, 1_795_300_000_050)] };
        var json = JsonSerializer.SerializeToElement(snapshot, PayloadCodec.Options);

        Assert.Equal(["ownerID", "maxOrderKey", "conversations", "dedupeKeys", "remarks", "conversationGroups", "deleteWatermarks", "dedupeHashes", "lastEventAt", "checkpoints"], Names(json));
        Assert.Equal(["seq", "at"], Names(json.GetProperty("checkpoints")[0]));
        var read = (ConversationSetSnapshot)PayloadCodec.Deserialize(PayloadCodec.Serialize(snapshot), "ConversationSetSnapshot.v2");
        Assert.Equal(snapshot.LastEventAt, read.LastEventAt);
        Assert.Equal(snapshot.Checkpoints, read.Checkpoints);
    }

    [Fact]
    public void A_snapshot_restores_to_the_state_it_was_taken_of()
    {
        var state = SampleState();
        var bytes = PayloadCodec.Serialize(ConversationSetSnapshot.Of(state));

        var restored = ((ConversationSetSnapshot)PayloadCodec.Deserialize(bytes, "ConversationSetSnapshot.v2")).Restore(10_000);

        Assert.Equal(JsonSerializer.Serialize(ConversationSetSnapshot.Of(state), PayloadCodec.Options), JsonSerializer.Serialize(ConversationSetSnapshot.Of(restored), PayloadCodec.Options));
        Assert.Equal(state.Conversations["GROUPteam"], restored.Conversations["GROUPteam"] with
        {
            Unread = state.Conversations["GROUPteam"].Unread,
            AtEntries = state.Conversations["GROUPteam"].AtEntries,
        });
        Assert.Equal(state.Conversations["GROUPteam"].AtEntries, restored.Conversations["GROUPteam"].AtEntries);
    }

    private static ConversationSet SampleState()
    {
        const long t = 1_795_300_000_000;
        var state = ConversationSet.Empty("alice", 10_000);
        var message = new AddMessage(ConversationId.Parse("GROUPteam"), "g1", "carol", t, ElemType.Text, "hi", ["alice"], false, GroupType.Work, true);
        foreach (var e in Decider.Decide(state, message, t + 10, ConversationSettings.Default).Events)
        {
            state = state.Apply(e);
        }

        return state;
    }

    private static string[] Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();
}
