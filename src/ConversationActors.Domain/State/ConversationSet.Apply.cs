using System.Collections.Immutable;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;

namespace ConversationActors.Domain.State;

public sealed partial record ConversationSet
{
    /// <summary>The state after each of <paramref name="events"/> in turn (the last is the state after all of them).</summary>
    public ConversationSet[] ApplyEach(IReadOnlyList<IConversationEvent> events)
    {
        var after = new ConversationSet[events.Count];
        var state = this;
        for (var i = 0; i < after.Length; i++)
        {
            after[i] = state = state.Apply(events[i]);
        }

        return after;
    }

    /// <summary>
    /// The fold: the state after <paramref name="evt"/>. Pure and total over known events; an unknown
    /// event throws, because silently skipping a fact would corrupt the audit record.
    /// </summary>
    public ConversationSet Apply(IConversationEvent evt) => evt switch
    {
        MessageAdded e => Evict(e).ApplyMessage(e),
        MessageRevoked e => Update(e.ConversationID, c => Revoke(c, e.MsgID)),
        ConversationRead e => Update(e.ConversationID, c => Read(c, e)),
        DraftSet e => Evict(e).Upsert(e.ConversationID, e.Recreate, e.At, c =>
            c with { DraftText = e.DraftText, DraftTimestamp = e.At, ActivityTime = Math.Max(c.ActivityTime, e.At) }, activate: true),
        DraftCleared e => Update(e.ConversationID, c => c with { DraftText = null, DraftTimestamp = null }),
        ConversationPinned e => Evict(e).Upsert(e.ConversationID, e.Recreate, e.At, c =>
            c with { IsPinned = true, ActivityTime = Math.Max(c.ActivityTime, e.At) }, activate: true),
        ConversationUnpinned e => Update(e.ConversationID, c =>
            c with { IsPinned = false, ActivityTime = Math.Max(c.ActivityTime, e.At) }),
        RecvOptSet e => Update(e.ConversationID, c => c with { RecvOpt = e.RecvOpt }),
        HistoryCleared e => Update(e.ConversationID, c => c with
        {
            LastMessage = null,
            Unread = UnreadLedger.Empty,
            AtEntries = ImmutableList<AtEntry>.Empty,
            ClearWatermark = Math.Max(c.ClearWatermark, c.NewestMessageTimestamp),
        }),
        ConversationDeleted e => Find(e.ConversationID) is { } deleted
            ? Remove(e.ConversationID) with { DeleteWatermarks = DeleteWatermarks.Record(e.ConversationID, deleted.NewestMessageTimestamp) }
            : this,
        FriendRemarkSet e => this with
        {
            Remarks = string.IsNullOrEmpty(e.Remark) ? Remarks.Remove(e.PeerID) : Remarks.SetItem(e.PeerID, e.Remark),
        },
        ConversationMarked e => Update(e.ConversationID, c => c with { Marks = e.Enable ? c.Marks | e.MarkType : c.Marks & ~e.MarkType }),
        ConversationCustomDataSet e => Update(e.ConversationID, c => c with { CustomData = e.CustomData }),
        ConversationGroupCreated e => this with { ConversationGroups = ConversationGroups.Add(e.GroupName) },
        ConversationGroupRenamed e => RenameGroup(e.OldName, e.NewName),
        ConversationGroupDeleted e => RenameGroup(e.GroupName, null),
        ConversationAddedToGroup e => Update(e.ConversationID, c => c.IsInGroup(e.GroupName) ? c : c with { ConversationGroups = c.GroupList.Add(e.GroupName) }),
        ConversationRemovedFromGroup e => Update(e.ConversationID, c => c with { ConversationGroups = c.GroupList.Remove(e.GroupName, StringComparer.Ordinal) }),
        _ => throw new InvalidOperationException($"Unknown event {evt.GetType().Name}: the fold must know every event."),
    };

    private ConversationSet ApplyMessage(MessageAdded e)
    {
        var dedupe = Dedupe.Remember(DedupeMemory.Key(e.ConversationID, e.MsgID));
        var position = Conversations.PositionOf(e.ConversationID);
        var existing = e.Recreate || position < 0 ? null : Conversations.At(position);
        var entry = existing ?? ConversationEntry.Create(ConversationId.Parse(e.ConversationID), e.At);
        var isSelf = e.SenderID == OwnerID;
        var blockedByClear = e.Timestamp <= entry.ClearWatermark;
        var becomesLast = !blockedByClear && (entry.LastMessage is null || entry.LastMessage.IsOlderThan(e.Timestamp, e.MsgID));
        var isGroup = entry.ID.Type == ConversationType.Group;
        var groupType = GroupTypeRules.Sticky(e.GroupType, entry.GroupType);

        // A message the owner has already read (or whose history was cleared) asks for nothing.
        var unseen = !isSelf && !blockedByClear && e.Timestamp > entry.ReadWatermark;
        var unread = unseen && CountsUnread(e, entry, GroupTypeRules.WithProfileFallback(groupType, e.ProfileGroupType))
            ? entry.Unread.Add(e.Timestamp)
            : entry.Unread;
        var atEntries = entry.AtEntries;
        if (unseen && isGroup && AtTypeFor(e) is { } atType)
        {
            atEntries = atEntries.Add(new AtEntry(e.MsgID, atType, e.Timestamp));
            if (atEntries.Count > ConversationSettings.AtEntriesPerConversation)
            {
                atEntries = atEntries.RemoveAt(0);
            }
        }

        entry = entry with
        {
            // A hidden conversation shows again with its next message (Tencent's HIDE mark).
            Marks = becomesLast ? entry.Marks & ~ConversationMarks.Hide : entry.Marks,
            GroupType = groupType,
            MessageCount = entry.MessageCount + 1,
            FirstMessageTimestamp = Math.Min(entry.FirstMessageTimestamp ?? long.MaxValue, e.Timestamp),
            NewestMessageTimestamp = Math.Max(entry.NewestMessageTimestamp, e.Timestamp),
            ActivityTime = Math.Max(entry.ActivityTime, e.Timestamp),
            LastMessage = becomesLast
                ? new LastMessage(e.MsgID, SharedSenderID(e.SenderID, OwnerID, entry.ID), e.Timestamp, e.ElemType, e.Summary, isSelf, IsRevoked: false)
                : entry.LastMessage,
            Unread = unread,
            AtEntries = atEntries,
        };

        return Put(entry, activate: becomesLast, dedupe, position);
    }

    /// <summary>
    /// The sender's ID as a string the set already holds when it is the owner or the C2C peer (issue #14: one string
    /// less per conversation; the value is the same).
    /// </summary>
    internal static string SharedSenderID(string senderID, string ownerID, ConversationId id) =>
        senderID == ownerID ? ownerID : id.Target is { } target && senderID == target ? target : senderID;

    private static bool CountsUnread(MessageAdded e, ConversationEntry entry, GroupType? groupType) =>
        e.CountsUnread && entry.RecvOpt != RecvOpt.NotReceive && GroupTypeRules.HasUnreadCount(groupType);

    private AtType? AtTypeFor(MessageAdded e)
    {
        var atMe = e.AtUserIDs.Contains(OwnerID, StringComparer.Ordinal);
        return (e.AtAll, atMe) switch
        {
            (true, true) => AtType.AtAllAtMe,
            (true, false) => AtType.AtAll,
            (false, true) => AtType.AtMe,
            _ => null,
        };
    }

    /// <summary>SPEC 3.4 revoke: the lastMessage shows as revoked, the message's @ entry leaves; unread stays.</summary>
    private static ConversationEntry Revoke(ConversationEntry c, string msgID) => c with
    {
        LastMessage = c.LastMessage is { } last && last.MsgID == msgID
            ? last with { IsRevoked = true, Summary = LastMessage.RevokedSummary }
            : c.LastMessage,
        AtEntries = c.AtEntries.RemoveAll(a => a.MsgID == msgID),
    };

    private static ConversationEntry Read(ConversationEntry c, ConversationRead e) => c with
    {
        Unread = e.Full ? UnreadLedger.Empty : c.Unread.ClearUpTo(e.UpToTimestamp),
        AtEntries = e.Full ? ImmutableList<AtEntry>.Empty : c.AtEntries.RemoveAll(a => a.Timestamp <= e.UpToTimestamp),
        ReadWatermark = Math.Max(c.ReadWatermark, e.UpToTimestamp),
    };

    /// <summary>Renames a group in the set and on every conversation in it; a null new name deletes it.</summary>
    private ConversationSet RenameGroup(string oldName, string? newName)
    {
        var index = ConversationGroups.IndexOf(oldName, StringComparer.Ordinal);
        if (index < 0)
        {
            return this;
        }

        var set = this;

        // A copy of the entries: a transient set (recovery) changes its index in place while the loop puts entries.
        foreach (var entry in Conversations.Values.ToArray())
        {
            var at = entry.GroupList.IndexOf(oldName, StringComparer.Ordinal);
            if (at >= 0)
            {
                var groups = newName is null ? entry.GroupList.RemoveAt(at) : entry.GroupList.SetItem(at, newName);
                set = set.Put(entry with { ConversationGroups = groups }, activate: false);
            }
        }

        return set with
        {
            ConversationGroups = newName is null ? ConversationGroups.RemoveAt(index) : ConversationGroups.SetItem(index, newName),
        };
    }

    private ConversationSet Evict(ICreatingEvent e) => e.Evicted.Aggregate(this, (set, id) => set.Remove(id));

    private ConversationSet Upsert(string conversationID, bool recreate, long at, Func<ConversationEntry, ConversationEntry> change, bool activate)
    {
        var existing = recreate ? null : Find(conversationID);
        var entry = existing ?? ConversationEntry.Create(ConversationId.Parse(conversationID), at);
        return Put(change(entry), activate);
    }

    private ConversationSet Update(string conversationID, Func<ConversationEntry, ConversationEntry> change) =>
        Find(conversationID) is { } existing ? Put(change(existing), activate: false) : this;

    /// <summary>
    /// Stores <paramref name="entry"/> under its ID, moving its slot; activation takes the next orderKey. A message's
    /// <paramref name="dedupe"/> memory rides along, so a message makes one new set, not two, and so does the
    /// <paramref name="position"/> of the entry's ID in <see cref="Conversations"/> when the caller has searched it.
    /// </summary>
    private ConversationSet Put(ConversationEntry entry, bool activate, DedupeMemory? dedupe = null, int? position = null)
    {
        var indexAt = position ?? Conversations.PositionOf(entry.ID.Value);
        var maxOrderKey = MaxOrderKey;
        if (activate)
        {
            maxOrderKey++;
            entry = entry with { OrderKey = maxOrderKey };
        }

        // The old entry (also a recreated conversation's) leaves its slot and the new one takes its own: replaced in
        // place when the slot did not move, else moved in one step (a message lifts its conversation to the top).
        var order = Order;
        var at = order.Search(entry.Slot, static (e, key) => OrderSlot.Compare(e.Slot, key));
        if (indexAt >= 0 && Conversations.At(indexAt) is var stale && OrderIndexOf(stale.Slot) is var old && old >= 0)
        {
            order = at == old
                ? order.SetItem(old, entry)
                : order.Move(old, (at >= 0 ? at : ~at) is var to && to > old ? to - 1 : to, entry);
        }
        else if (at < 0)
        {
            order = order.Insert(~at, entry);
        }

        return this with
        {
            Conversations = Conversations.SetItem(entry, indexAt),
            Order = order,
            MaxOrderKey = maxOrderKey,
            Dedupe = dedupe ?? Dedupe,
        };
    }

    private ConversationSet Remove(string conversationID) =>
        Find(conversationID) is { } existing
            ? this with
            {
                Conversations = Conversations.Remove(conversationID),
                Order = OrderIndexOf(existing.Slot) is var at && at >= 0 ? Order.RemoveAt(at) : Order,
            }
            : this;
}
