using System.Text;
using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.State;

namespace ConversationActors.Domain.Fold;

/// <summary>
/// Marks, custom data, conversation groups and the multi-conversation writes (issue #10, after Tencent's
/// V2TIMConversationManager). A valid request is accepted as a whole and answers one result per distinct
/// conversation: done (0) or not found (6004); one event per conversation it changes.
/// </summary>
public static partial class Decider
{
    private static Decision DecideMarks(ConversationSet state, MarkConversations c, long now, ConversationSettings settings)
    {
        if (!ConversationMarks.IsMark(c.MarkType))
        {
            return Refusal.Invalid($"markType must be {ConversationMarks.Rule}, got {c.MarkType}");
        }

        return PerConversation(state, c.ConversationIDs, now, settings, [], entry =>
            ((entry.Marks & c.MarkType) != 0) == c.Enable ? [] : [new ConversationMarked(entry.ID.Value, c.MarkType, c.Enable, now)]);
    }

    private static Decision DecideCustomData(ConversationSet state, SetConversationCustomData c, long now, ConversationSettings settings)
    {
        var data = string.IsNullOrEmpty(c.CustomData) ? null : c.CustomData;
        if (data is not null && Encoding.UTF8.GetByteCount(data) is var bytes && bytes > ConversationSettings.CustomDataMaxBytes)
        {
            return Refusal.Invalid($"customData must be at most {ConversationSettings.CustomDataMaxBytes} bytes of UTF-8, got {bytes}");
        }

        return PerConversation(state, c.ConversationIDs, now, settings, [], entry =>
            entry.CustomData == data ? [] : [new ConversationCustomDataSet(entry.ID.Value, data, now)]);
    }

    private static Decision DecideDeleteMany(ConversationSet state, DeleteConversations c, long now, ConversationSettings settings) =>
        PerConversation(state, c.ConversationIDs, now, settings, [], entry =>
            c.ClearHistory && !HistoryIsClear(entry)
                ? [new HistoryCleared(entry.ID.Value, now), new ConversationDeleted(entry.ID.Value, now)]
                : [new ConversationDeleted(entry.ID.Value, now)]);

    private static Decision DecideCleanUnread(ConversationSet state, CleanUnread c, long now, ConversationSettings settings)
    {
        ConversationType? type = c.Scope switch
        {
            CleanUnread.C2CScope => ConversationType.C2C,
            CleanUnread.GroupScope => ConversationType.Group,
            CleanUnread.AllScope => null,
            _ => null,
        };
        if (c.Scope is not (CleanUnread.C2CScope or CleanUnread.GroupScope or CleanUnread.AllScope))
        {
            return Refusal.Invalid($"conversationID must be a conversation ID, \"c2c\", \"group\" or \"\", got \"{c.Scope}\"");
        }

        if (c.UpToTimestamp is <= 0)
        {
            return Refusal.Invalid($"upToTimestamp must be a positive integer (ms since the epoch), got {c.UpToTimestamp}");
        }

        // In list order, hidden conversations included: they still count unread.
        var events = new List<IConversationEvent>();
        var results = new List<ConversationOperationResult>();
        foreach (var entry in state.Order)
        {
            if ((type is null || entry.ID.Type == type) && entry.IsLiveAt(now, settings.RetentionMs) && ReadOf(entry, c.UpToTimestamp, now) is { } read)
            {
                events.Add(read);
                results.Add(ConversationOperationResult.Ok(entry.ID.Value));
            }
        }

        return events.Count == 0 ? Decision.NoChange : Decision.AcceptAll(events, results);
    }

    private static Decision DecideCreateGroup(ConversationSet state, CreateConversationGroup c, long now, ConversationSettings settings)
    {
        if (CheckGroupName("groupName", c.GroupName) is { } refusal)
        {
            return refusal;
        }

        if (state.HasGroup(c.GroupName))
        {
            return Refusal.Invalid($"groupName: a conversation group named \"{c.GroupName}\" already exists");
        }

        if (state.ConversationGroups.Count >= ConversationSettings.ConversationGroupsMax)
        {
            return Refusal.Invalid($"at most {ConversationSettings.ConversationGroupsMax} conversation groups per user; delete one first");
        }

        return PerConversation(state, c.ConversationIDs, now, settings, [new ConversationGroupCreated(c.GroupName, now)], entry =>
            [new ConversationAddedToGroup(entry.ID.Value, c.GroupName, now)]);
    }

    private static Decision DecideRenameGroup(ConversationSet state, RenameConversationGroup c, long now)
    {
        if ((CheckGroupName("groupName", c.OldName) ?? CheckGroupName("newName", c.NewName)) is { } refusal)
        {
            return refusal;
        }

        if (!state.HasGroup(c.OldName))
        {
            return GroupNotFound(c.OldName);
        }

        if (c.OldName == c.NewName)
        {
            return Decision.NoChange;
        }

        return state.HasGroup(c.NewName)
            ? Refusal.Invalid($"newName: a conversation group named \"{c.NewName}\" already exists")
            : Decision.Accept(new ConversationGroupRenamed(c.OldName, c.NewName, now));
    }

    private static Decision DecideDeleteGroup(ConversationSet state, DeleteConversationGroup c, long now) =>
        CheckGroupName("groupName", c.GroupName) is { } refusal ? refusal
        : !state.HasGroup(c.GroupName) ? GroupNotFound(c.GroupName)
        : Decision.Accept(new ConversationGroupDeleted(c.GroupName, now));

    private static Decision DecideAddToGroup(ConversationSet state, AddConversationsToGroup c, long now, ConversationSettings settings) =>
        CheckGroupName("groupName", c.GroupName) is { } refusal ? refusal
        : !state.HasGroup(c.GroupName) ? GroupNotFound(c.GroupName)
        : PerConversation(state, c.ConversationIDs, now, settings, [], entry =>
            entry.IsInGroup(c.GroupName) ? [] : [new ConversationAddedToGroup(entry.ID.Value, c.GroupName, now)]);

    private static Decision DecideRemoveFromGroup(ConversationSet state, DeleteConversationsFromGroup c, long now, ConversationSettings settings) =>
        CheckGroupName("groupName", c.GroupName) is { } refusal ? refusal
        : !state.HasGroup(c.GroupName) ? GroupNotFound(c.GroupName)
        : PerConversation(state, c.ConversationIDs, now, settings, [], entry =>
            entry.IsInGroup(c.GroupName) ? [new ConversationRemovedFromGroup(entry.ID.Value, c.GroupName, now)] : []);

    /// <summary>
    /// Applies <paramref name="change"/> to each distinct live conversation of <paramref name="ids"/> (expired ones
    /// are not found), after the <paramref name="leading"/> events; answers a result per distinct ID in the order asked.
    /// </summary>
    private static Decision PerConversation(
        ConversationSet state, IReadOnlyList<ConversationId> ids, long now, ConversationSettings settings,
        IReadOnlyList<IConversationEvent> leading, Func<ConversationEntry, IReadOnlyList<IConversationEvent>> change)
    {
        if (ids.Count == 0 || ids.Count > settings.BatchMax)
        {
            return Refusal.Invalid($"conversationIDList must hold 1 to {settings.BatchMax} conversation IDs, got {ids.Count}");
        }

        var events = new List<IConversationEvent>(leading);
        var results = new List<ConversationOperationResult>(ids.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (!seen.Add(id.Value))
            {
                continue;
            }

            if (state.FindLive(id.Value, now, settings.RetentionMs) is { } entry)
            {
                events.AddRange(change(entry));
                results.Add(ConversationOperationResult.Ok(id.Value));
            }
            else
            {
                results.Add(ConversationOperationResult.NotFound(id.Value));
            }
        }

        return Decision.AcceptAll(events, results);
    }

    /// <summary>Tencent's rule: 1 to 32 bytes of UTF-8; we also refuse control characters and '/' (the name is a path segment).</summary>
    public static Refusal? CheckGroupName(string field, string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return Refusal.Invalid($"{field} must not be empty");
        }

        var bytes = Encoding.UTF8.GetByteCount(name);
        if (bytes > ConversationSettings.GroupNameMaxBytes)
        {
            return Refusal.Invalid($"{field} must be at most {ConversationSettings.GroupNameMaxBytes} bytes of UTF-8, got {bytes}");
        }

        return name.Any(ch => char.IsControl(ch) || ch == '/')
            ? Refusal.Invalid($"{field} must not contain control characters or '/'")
            : null;
    }

    private static Refusal GroupNotFound(string name) => Refusal.Invalid($"groupName: no conversation group named \"{name}\"");
}
