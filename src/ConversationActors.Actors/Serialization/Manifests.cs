using System.Text.Json.Nodes;
using ConversationActors.Actors.Protocol;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Profiles;
using ConversationActors.Domain.State;

namespace ConversationActors.Actors.Serialization;

/// <summary>
/// The string manifest of every type we persist or send. A manifest is forever: never rename or reuse
/// one. A new schema version gets a new manifest (".v2") and an upcaster for the old one.
/// </summary>
public static class Manifests
{
    public static IReadOnlyDictionary<Type, string> ByType { get; } = new Dictionary<Type, string>
    {
        // Events of a user's conversation set (the audit record).
        [typeof(MessageAdded)] = "MessageAdded.v1",
        [typeof(MessageRevoked)] = "MessageRevoked.v2",
        [typeof(ConversationRead)] = "ConversationRead.v1",
        [typeof(DraftSet)] = "DraftSet.v1",
        [typeof(DraftCleared)] = "DraftCleared.v1",
        [typeof(ConversationPinned)] = "ConversationPinned.v1",
        [typeof(ConversationUnpinned)] = "ConversationUnpinned.v1",
        [typeof(RecvOptSet)] = "RecvOptSet.v1",
        [typeof(HistoryCleared)] = "HistoryCleared.v1",
        [typeof(ConversationDeleted)] = "ConversationDeleted.v1",
        [typeof(FriendRemarkSet)] = "FriendRemarkSet.v1",
        [typeof(ConversationMarked)] = "ConversationMarked.v1",
        [typeof(ConversationCustomDataSet)] = "ConversationCustomDataSet.v1",
        [typeof(ConversationGroupCreated)] = "ConversationGroupCreated.v1",
        [typeof(ConversationGroupRenamed)] = "ConversationGroupRenamed.v1",
        [typeof(ConversationGroupDeleted)] = "ConversationGroupDeleted.v1",
        [typeof(ConversationAddedToGroup)] = "ConversationAddedToGroup.v1",
        [typeof(ConversationRemovedFromGroup)] = "ConversationRemovedFromGroup.v1",

        // Profile events and snapshots.
        [typeof(UserProfileChanged)] = "UserProfileChanged.v1",
        [typeof(GroupProfileChanged)] = "GroupProfileChanged.v1",
        [typeof(ConversationSetSnapshot)] = "ConversationSetSnapshot.v2",
        [typeof(UserProfile)] = "UserProfile.v1",
        [typeof(GroupProfile)] = "GroupProfile.v1",

        // Cluster messages: requests and answers.
        [typeof(UserCommand)] = "UserCommand.v1",
        [typeof(GetConversationPage)] = "GetConversationPage.v1",
        [typeof(GetConversationBatch)] = "GetConversationBatch.v1",
        [typeof(GetConversation)] = "GetConversation.v1",
        [typeof(GetTotalUnread)] = "GetTotalUnread.v1",
        [typeof(CommandAccepted)] = "CommandAccepted.v1",
        [typeof(CommandRefused)] = "CommandRefused.v1",
        [typeof(PageAnswer)] = "PageAnswer.v1",
        [typeof(BatchAnswer)] = "BatchAnswer.v1",
        [typeof(ConversationAnswer)] = "ConversationAnswer.v1",
        [typeof(TotalUnreadAnswer)] = "TotalUnreadAnswer.v1",
        [typeof(UpdateUserProfile)] = "UpdateUserProfile.v1",
        [typeof(GetUserProfile)] = "GetUserProfile.v1",
        [typeof(UserProfileAnswer)] = "UserProfileAnswer.v1",
        [typeof(UpdateGroupProfile)] = "UpdateGroupProfile.v1",
        [typeof(GetGroupProfile)] = "GetGroupProfile.v1",
        [typeof(GroupProfileAnswer)] = "GroupProfileAnswer.v1",
        [typeof(ChangeNotice)] = "ChangeNotice.v1",
        [typeof(GetConversationGroups)] = "GetConversationGroups.v1",
        [typeof(ConversationGroupsAnswer)] = "ConversationGroupsAnswer.v1",
        [typeof(EventChanges)] = "EventChanges.v1",
        [typeof(GetChanges)] = "GetChanges.v1",
        [typeof(ChangesAnswer)] = "ChangesAnswer.v1",
    };

    public static IReadOnlyDictionary<string, Type> ByManifest { get; } =
        ByType.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    /// <summary>
    /// Manifests no longer written but still read: each upcaster turns the stored JSON into the
    /// current schema of its type. Never remove an entry while a journal may hold such events.
    /// </summary>
    public static IReadOnlyDictionary<string, (Type Type, Func<JsonNode, JsonNode> Upcast)> Legacy { get; } =
        new Dictionary<string, (Type, Func<JsonNode, JsonNode>)>(StringComparer.Ordinal)
        {
            // v2 added the optional revokerID: a v1 revoke was made by an unknown revoker.
            ["MessageRevoked.v1"] = (typeof(MessageRevoked), node =>
            {
                node["revokerID"] = null;
                return node;
            }
            ),

            // v2 (issue #14) stores the dedupe keys as 64-bit hashes (dedupeHashes); a v1 snapshot has only the key
            // texts (dedupeKeys), which the restore hashes: the JSON itself needs no change.
            ["ConversationSetSnapshot.v1"] = (typeof(ConversationSetSnapshot), node => node),
        };
}
