using System.Text;
using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.State;

namespace ConversationActors.Domain.Fold;

/// <summary>
/// Decides a command against the state at server time <c>now</c>: the SPEC's rules of which actions
/// create a conversation, idempotent PUTs, expiry and capacity (3.3, 3.4). Pure: no clock, no I/O.
/// </summary>
public static partial class Decider
{
    /// <param name="messageChecked">
    /// The message of an <see cref="AddMessage"/> was already checked against <see cref="Validation.CheckMessage"/> (a
    /// fan-out checks it once for all its targets, issue 27): it is not checked again.
    /// </param>
    public static Decision Decide(ConversationSet state, IConversationCommand command, long now, ConversationSettings settings, bool messageChecked = false) =>
        command switch
        {
            AddMessage c => DecideMessage(state, c, now, settings, messageChecked),
            RevokeMessage c => DecideRevoke(state, c, now, settings),
            SetDraft c => DecideDraft(state, c, now, settings),
            SetPinned c => DecidePin(state, c, now, settings),
            SetRecvOpt c => ForLive(state, c.ConversationID, now, settings, entry =>
                entry.RecvOpt == c.RecvOpt ? Decision.NoChange : Decision.Accept(new RecvOptSet(entry.ID.Value, c.RecvOpt, now))),
            MarkRead c => DecideRead(state, c, now, settings),
            ClearHistory c => ForLive(state, c.ConversationID, now, settings, entry =>
                HistoryIsClear(entry) ? Decision.NoChange : Decision.Accept(new HistoryCleared(entry.ID.Value, now))),
            DeleteConversation c => ForLive(state, c.ConversationID, now, settings, entry =>
                Decision.Accept(new ConversationDeleted(entry.ID.Value, now))),
            SetFriendRemark c => DecideRemark(state, c, now, settings),
            MarkConversations c => DecideMarks(state, c, now, settings),
            SetConversationCustomData c => DecideCustomData(state, c, now, settings),
            DeleteConversations c => DecideDeleteMany(state, c, now, settings),
            CleanUnread c => DecideCleanUnread(state, c, now, settings),
            CreateConversationGroup c => DecideCreateGroup(state, c, now, settings),
            RenameConversationGroup c => DecideRenameGroup(state, c, now),
            DeleteConversationGroup c => DecideDeleteGroup(state, c, now),
            AddConversationsToGroup c => DecideAddToGroup(state, c, now, settings),
            DeleteConversationsFromGroup c => DecideRemoveFromGroup(state, c, now, settings),
            _ => throw new InvalidOperationException($"Unknown command {command.GetType().Name}"),
        };

    private static Decision DecideMessage(ConversationSet state, AddMessage c, long now, ConversationSettings settings, bool messageChecked)
    {
        if (!messageChecked && Validation.CheckMessage(c, now, settings) is { } refusal)
        {
            return refusal;
        }

        var id = c.ConversationID.Value;
        var live = state.FindLive(id, now, settings.RetentionMs);
        if (state.Dedupe.Contains(DedupeMemory.Key(id, c.MsgID)) || live?.LastMessage?.MsgID == c.MsgID)
        {
            return Decision.NoChange;
        }

        // SPEC 3.4 delete watermark: a delayed copy of history the user deleted records nothing.
        if (state.DeleteWatermarks.Covers(id, c.Timestamp))
        {
            return Decision.NoChange;
        }

        var (recreate, evicted) = Creation(state, id, live, now, settings);
        return Decision.Accept(new MessageAdded(
            id, c.MsgID, c.SenderID, c.Timestamp, c.ElemType, c.Summary, c.AtUserIDs.ToArray(), c.AtAll,
            c.GroupType, GroupTypeRules.Sticky(c.GroupType, live?.GroupType) is null ? c.ProfileGroupType : null,
            c.CountsUnread, now, recreate, evicted));
    }

    private static Decision DecideRevoke(ConversationSet state, RevokeMessage c, long now, ConversationSettings settings)
    {
        if (IdRules.Check(c.MsgID) is { } reason)
        {
            return Refusal.Invalid($"msgID {reason}");
        }

        if (c.RevokerID is not null && IdRules.Check(c.RevokerID) is { } revokerReason)
        {
            return Refusal.Invalid($"revokerID {revokerReason}");
        }

        // SPEC 3.4: a revoke changes the lastMessage (once) and removes the message's @ entry, if any.
        return ForLive(state, c.ConversationID, now, settings, entry =>
            (entry.LastMessage is { IsRevoked: false } last && last.MsgID == c.MsgID) || entry.AtEntries.Any(a => a.MsgID == c.MsgID)
                ? Decision.Accept(new MessageRevoked(entry.ID.Value, c.MsgID, now, c.RevokerID))
                : Decision.NoChange);
    }

    private static Decision DecideDraft(ConversationSet state, SetDraft c, long now, ConversationSettings settings)
    {
        var id = c.ConversationID.Value;
        var live = state.FindLive(id, now, settings.RetentionMs);
        if (string.IsNullOrEmpty(c.DraftText))
        {
            return live is null ? Refusal.NotFound(id)
                : live.DraftText is null ? Decision.NoChange
                : Decision.Accept(new DraftCleared(id, now));
        }

        var bytes = Encoding.UTF8.GetByteCount(c.DraftText);
        if (bytes > settings.DraftMaxBytes)
        {
            return Refusal.Invalid($"draftText must be at most {settings.DraftMaxBytes} bytes of UTF-8, got {bytes}");
        }

        if (live?.DraftText == c.DraftText)
        {
            return Decision.NoChange;
        }

        var (recreate, evicted) = Creation(state, id, live, now, settings);
        return Decision.Accept(new DraftSet(id, c.DraftText, now, recreate, evicted));
    }

    private static Decision DecidePin(ConversationSet state, SetPinned c, long now, ConversationSettings settings)
    {
        var id = c.ConversationID.Value;
        var live = state.FindLive(id, now, settings.RetentionMs);
        if (!c.IsPinned)
        {
            return live is null ? Refusal.NotFound(id)
                : live.IsPinned ? Decision.Accept(new ConversationUnpinned(id, now))
                : Decision.NoChange;
        }

        if (live is { IsPinned: true })
        {
            return Decision.NoChange;
        }

        var (recreate, evicted) = Creation(state, id, live, now, settings);
        return Decision.Accept(new ConversationPinned(id, now, recreate, evicted));
    }

    private static Decision DecideRead(ConversationSet state, MarkRead c, long now, ConversationSettings settings)
    {
        if (c.UpToTimestamp is <= 0)
        {
            return Refusal.Invalid($"upToTimestamp must be a positive integer (ms since the epoch), got {c.UpToTimestamp}");
        }

        return ForLive(state, c.ConversationID, now, settings, entry =>
            ReadOf(entry, c.UpToTimestamp, now) is { } read ? Decision.Accept(read) : Decision.NoChange);
    }

    /// <summary>The read event for <paramref name="entry"/>, or null when the read would change nothing.</summary>
    private static ConversationRead? ReadOf(ConversationEntry entry, long? upToTimestamp, long now)
    {
        // Without upToTimestamp, or with one in the future, everything is read. The watermark never
        // goes past server time, so a message sent after the read still counts.
        var full = upToTimestamp is not { } upTo || upTo > now;
        var watermark = full ? Math.Max(entry.NewestMessageTimestamp, Math.Min(upToTimestamp ?? 0, now)) : upToTimestamp!.Value;
        var changes = full
            ? entry.Unread.Count > 0 || !entry.AtEntries.IsEmpty || watermark > entry.ReadWatermark
            : entry.Unread.HasUnreadAtOrBefore(watermark) || entry.AtEntries.Any(a => a.Timestamp <= watermark) || watermark > entry.ReadWatermark;
        return changes ? new ConversationRead(entry.ID.Value, watermark, full, now) : null;
    }

    /// <summary>True when clearHistory would change nothing.</summary>
    private static bool HistoryIsClear(ConversationEntry entry) =>
        entry.LastMessage is null && entry.Unread.Count == 0 && entry.AtEntries.IsEmpty && entry.ClearWatermark >= entry.NewestMessageTimestamp;

    private static Decision DecideRemark(ConversationSet state, SetFriendRemark c, long now, ConversationSettings settings)
    {
        if (IdRules.Check(c.PeerID) is { } reason)
        {
            return Refusal.Invalid($"peerID {reason}");
        }

        var remark = string.IsNullOrEmpty(c.Remark) ? null : c.Remark;
        if (remark is not null && Encoding.UTF8.GetByteCount(remark) is var bytes && bytes > ConversationSettings.RemarkMaxBytes)
        {
            return Refusal.Invalid($"remark must be at most {ConversationSettings.RemarkMaxBytes} bytes of UTF-8, got {bytes}");
        }

        return state.RemarkFor(c.PeerID) == remark ? Decision.NoChange : Decision.Accept(new FriendRemarkSet(c.PeerID, remark, now));
    }

    private static Decision ForLive(ConversationSet state, ConversationId id, long now, ConversationSettings settings, Func<ConversationEntry, Decision> decide) =>
        state.FindLive(id.Value, now, settings.RetentionMs) is { } entry ? decide(entry) : Refusal.NotFound(id.Value);

    /// <summary>
    /// For an action that creates <paramref name="id"/>: whether a stale (expired) entry must be replaced,
    /// and which conversations leave to keep within max-conversations — expired ones first (they are
    /// already gone from every answer), then the unpinned one with the lowest orderKey.
    /// </summary>
    private static (bool Recreate, IReadOnlyList<string> Evicted) Creation(
        ConversationSet state, string id, ConversationEntry? live, long now, ConversationSettings settings)
    {
        if (live is not null)
        {
            return (false, []);
        }

        var recreate = state.Find(id) is not null;
        var held = state.Conversations.Count + (recreate ? 0 : 1);
        if (held <= settings.MaxConversations)
        {
            return (recreate, []);
        }

        var evicted = new List<string>();
        var liveCount = 1;
        foreach (var entry in state.Conversations.Values)
        {
            if (entry.ID.Value == id)
            {
                continue;
            }

            if (entry.IsLiveAt(now, settings.RetentionMs))
            {
                liveCount++;
            }
            else
            {
                evicted.Add(entry.ID.Value);
            }
        }

        // Unpinned conversations come last in list order, lowest orderKey at the very end.
        for (var i = state.Order.Count - 1; i >= 0 && liveCount > settings.MaxConversations; i--)
        {
            var entry = state.Order[i];
            if (entry.IsPinned)
            {
                break;
            }

            if (entry.ID.Value != id && entry.IsLiveAt(now, settings.RetentionMs))
            {
                evicted.Add(entry.ID.Value);
                liveCount--;
            }
        }

        evicted.Sort(StringComparer.Ordinal);
        return (recreate, evicted);
    }
}
