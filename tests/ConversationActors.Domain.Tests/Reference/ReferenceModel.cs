using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;

namespace ConversationActors.Domain.Tests.Reference;

/// <summary>
/// A deliberately naive reference model of SPEC 3 (conversations) written from the SPEC text, not from the fold:
/// every conversation is a mutable object in a list, every lookup a linear scan, the order a sort at query time.
/// It shares nothing with <c>ConversationSet</c>/<c>Decider</c> beyond the public command and answer types, so a
/// rule both the live fold and its replay get wrong still shows up as a disagreement. Where the SPEC leaves room,
/// the choice written in docs/decisions.md is followed and cited. Queries are in ReferenceModel.Queries.cs.
/// Validation covers only what the generators produce (IDs are always well formed there).
/// </summary>
internal sealed partial class ReferenceModel(string ownerID, ConversationSettings settings)
{
    private const long MaxClockSkewMs = 5 * 60 * 1000;

    /// <summary>Every conversation held, expired ones included until the next command drops them.</summary>
    private readonly List<ModelConversation> _conversations = [];

    /// <summary>SPEC 3.4 dedupe memory: the latest dedupe-window applied (conversationID, msgID), oldest first.</summary>
    private readonly List<(string ConversationID, string MsgID)> _recentMessages = [];

    /// <summary>SPEC 3.4 delete watermark per conversationID: the newest message timestamp when it was deleted.</summary>
    private readonly List<(string ConversationID, long Timestamp)> _deleteWatermarks = [];

    /// <summary>The owner's friend remarks (peerID, remark).</summary>
    private readonly List<(string PeerID, string Remark)> _remarks = [];

    /// <summary>The owner's conversation groups (folders), in creation order (decisions: conversation groups).</summary>
    private readonly List<string> _folders = [];

    /// <summary>SPEC 3.3 activation: the highest orderKey this user has used.</summary>
    private long _highestOrderKey;

    public string OwnerID { get; } = ownerID;

    public ConversationSettings Settings { get; } = settings;

    public ModelOutcome Handle(IConversationCommand command, long now)
    {
        // SPEC 3.4 "expiry is deletion": an expired conversation is gone (it can only come back afresh). Server
        // time never goes back, so dropping it now is the same as hiding it from every later answer.
        _conversations.RemoveAll(c => !IsLive(c, now));
        return command switch
        {
            AddMessage c => AddMessage(c, now),
            RevokeMessage c => Revoke(c),
            SetDraft c => SetDraft(c, now),
            SetPinned c => SetPinned(c, now),
            SetRecvOpt c => SetRecvOpt(c),
            MarkRead c => c.UpToTimestamp is <= 0 ? ModelOutcome.Refuse(ErrorCode.InvalidParameter)
                : WithConversation(c.ConversationID, conversation => Read(conversation, c.UpToTimestamp, now) ? ModelOutcome.Changed : ModelOutcome.Unchanged),
            ClearHistory c => WithConversation(c.ConversationID, conversation => ClearHistory(conversation) ? ModelOutcome.Changed : ModelOutcome.Unchanged),
            DeleteConversation c => WithConversation(c.ConversationID, conversation =>
            {
                Delete(conversation);
                return ModelOutcome.Changed;
            }),
            SetFriendRemark c => SetRemark(c),
            MarkConversations c => Mark(c),
            SetConversationCustomData c => SetCustomData(c),
            DeleteConversations c => DeleteMany(c),
            CleanUnread c => CleanUnread(c, now),
            CreateConversationGroup c => CreateFolder(c),
            RenameConversationGroup c => RenameFolder(c),
            DeleteConversationGroup c => DeleteFolder(c),
            AddConversationsToGroup c => AddToFolder(c),
            DeleteConversationsFromGroup c => RemoveFromFolder(c),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "the model does not know this command"),
        };
    }

    /// <summary>SPEC 3.3 retention: alive while within retention of the latest activity; pinned or retention 0: forever.</summary>
    private bool IsLive(ModelConversation c, long now) =>
        c.IsPinned || Settings.RetentionMs <= 0 || now - c.ActivityTime <= Settings.RetentionMs;

    private ModelConversation? Find(string conversationID)
    {
        foreach (var c in _conversations)
        {
            if (c.ID.Value == conversationID)
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>SPEC 3.4: read, recvOpt, clearHistory, delete, revoke, unpin, clearing a draft on a missing one: 404.</summary>
    private ModelOutcome WithConversation(ConversationId id, Func<ModelConversation, ModelOutcome> act) =>
        Find(id.Value) is { } conversation ? act(conversation) : ModelOutcome.Refuse(ErrorCode.ConversationNotFound);

    /// <summary>SPEC 3.3 activation: the next orderKey after the highest one this user has used.</summary>
    private void Activate(ModelConversation c) => c.OrderKey = ++_highestOrderKey;

    /// <summary>
    /// SPEC 3.3/3.4: a message, a non-empty draft or pin = true creates a missing conversation, afresh. Capacity: beyond
    /// max-conversations the unpinned one with the lowest orderKey is dropped; when all are pinned the limit is exceeded.
    /// </summary>
    private ModelConversation Create(ConversationId id, long now)
    {
        while (_conversations.Count + 1 > Settings.MaxConversations)
        {
            ModelConversation? lowest = null;
            foreach (var c in _conversations)
            {
                if (!c.IsPinned && (lowest is null || c.OrderKey < lowest.OrderKey))
                {
                    lowest = c;
                }
            }

            if (lowest is null)
            {
                break;
            }

            // Dropped for capacity, not deleted by the user: no delete watermark (decision: only a delete records one).
            _conversations.Remove(lowest);
        }

        var created = new ModelConversation(id, now);
        _conversations.Add(created);
        return created;
    }

    private ModelOutcome AddMessage(AddMessage m, long now)
    {
        // SPEC 4.2: timestamp > 0 and at most 5 minutes ahead (3.4); decisions: groupType only on GROUP messages.
        if (m.Timestamp <= 0 || m.Timestamp > now + MaxClockSkewMs
            || m.Summary.Length > Settings.SummaryMaxChars || m.AtUserIDs.Count > ConversationSettings.AtUserIDsMax
            || (m.GroupType is not null && m.ConversationID.Type != ConversationType.Group))
        {
            return ModelOutcome.Refuse(ErrorCode.InvalidParameter);
        }

        var id = m.ConversationID.Value;
        var conversation = Find(id);

        // SPEC 3.3/3.4 dedupe: a duplicate msgID is ignored; decisions: remembered among the latest dedupe-window
        // applied messages of the whole set (surviving delete and clearHistory), or the current lastMessage.
        if (_recentMessages.Contains((id, m.MsgID)) || conversation?.LastMessage?.MsgID == m.MsgID)
        {
            return ModelOutcome.Unchanged;
        }

        // SPEC 3.4 delete watermark: history at or before the delete records nothing and does not bring the
        // conversation back; decisions: it stays after a newer message re-created it (that history stays deleted).
        if (_deleteWatermarks.Any(w => w.ConversationID == id && m.Timestamp <= w.Timestamp))
        {
            return ModelOutcome.Unchanged;
        }

        conversation ??= Create(m.ConversationID, now);
        _recentMessages.Add((id, m.MsgID));
        if (_recentMessages.Count > Settings.DedupeWindow)
        {
            _recentMessages.RemoveAt(0);
        }

        // SPEC 3.4 stats: every applied message counts, even one that clearHistory keeps out of lastMessage.
        conversation.AppliedTimestamps.Add(m.Timestamp);
        conversation.ActivityTime = Math.Max(conversation.ActivityTime, m.Timestamp);

        // SPEC 3.4 groupType sticks: the message's, else the stored one; the profile's only when neither has one.
        var profileType = m.GroupType is null && conversation.GroupType is null ? m.ProfileGroupType : null;
        conversation.GroupType = m.GroupType ?? conversation.GroupType;
        var effectiveType = conversation.GroupType ?? profileType;

        // SPEC 3.4 clearHistory watermark: an older message arriving later never becomes lastMessage.
        var afterClear = m.Timestamp > conversation.ClearWatermark;

        // SPEC 3.3: newer than lastMessage by timestamp, then ordinal msgID (3.4 units) → lastMessage and activation.
        var newer = conversation.LastMessage is not { } last
            || m.Timestamp > last.Timestamp
            || (m.Timestamp == last.Timestamp && string.CompareOrdinal(m.MsgID, last.MsgID) > 0);
        var isSelf = m.SenderID == OwnerID;
        if (afterClear && newer)
        {
            conversation.LastMessage = new LastMessage(m.MsgID, m.SenderID, m.Timestamp, m.ElemType, m.Summary, isSelf, false);
            conversation.Marks.Remove(ConversationMarks.Hide); // decisions: HIDE clears with the next lastMessage
            Activate(conversation);
        }

        // SPEC 3.4 read watermark: a late incoming message at or before it is already read; after a clear, likewise.
        var unseen = !isSelf && afterClear && m.Timestamp > conversation.ReadWatermark;

        // SPEC 3.3: incoming adds 1 unless NOT_RECEIVE, AVChatRoom or countsUnread false.
        if (unseen && m.CountsUnread && conversation.RecvOpt != RecvOpt.NotReceive && effectiveType != Model.GroupType.AVChatRoom)
        {
            conversation.Unread.Add(m.Timestamp);
        }

        // SPEC 3.4 @ entries: GROUP only, incoming only, whatever recvOpt or countsUnread.
        var atMe = m.AtUserIDs.Contains(OwnerID);
        if (unseen && m.ConversationID.Type == ConversationType.Group && (atMe || m.AtAll))
        {
            var atType = m.AtAll && atMe ? AtType.AtAllAtMe : m.AtAll ? AtType.AtAll : AtType.AtMe;
            conversation.AtInfo.Add((m.MsgID, atType, m.Timestamp));
        }

        return ModelOutcome.Changed;
    }

    /// <summary>
    /// SPEC 3.4 revoke: the lastMessage shows "[message revoked]"; the message's @ entry leaves groupAtInfoList whether
    /// or not it was the lastMessage; an unknown msgID is success with no change; unread never goes down.
    /// </summary>
    private ModelOutcome Revoke(RevokeMessage r) => WithConversation(r.ConversationID, c =>
    {
        var changed = false;
        if (c.LastMessage is { IsRevoked: false } last && last.MsgID == r.MsgID)
        {
            c.LastMessage = last with { IsRevoked = true, Summary = LastMessage.RevokedSummary };
            changed = true;
        }

        changed |= c.AtInfo.RemoveAll(a => a.MsgID == r.MsgID) > 0;
        return changed ? ModelOutcome.Changed : ModelOutcome.Unchanged;
    });

    /// <summary>SPEC 3.3 draft: non-empty text sets it with server time and activates; empty clears it, no activation.</summary>
    private ModelOutcome SetDraft(SetDraft d, long now)
    {
        var conversation = Find(d.ConversationID.Value);
        if (string.IsNullOrEmpty(d.DraftText))
        {
            if (conversation is null)
            {
                return ModelOutcome.Refuse(ErrorCode.ConversationNotFound);
            }

            if (conversation.DraftText is null)
            {
                return ModelOutcome.Unchanged; // SPEC 3.4 idempotent PUT
            }

            // SPEC 3.4: clearing a draft does not lower the activity time (nor raise it).
            conversation.DraftText = null;
            conversation.DraftTimestamp = null;
            return ModelOutcome.Changed;
        }

        if (conversation?.DraftText == d.DraftText)
        {
            return ModelOutcome.Unchanged; // SPEC 3.4: the same draft text records nothing
        }

        conversation ??= Create(d.ConversationID, now);
        conversation.DraftText = d.DraftText;
        conversation.DraftTimestamp = now;
        conversation.ActivityTime = Math.Max(conversation.ActivityTime, now);
        Activate(conversation);
        return ModelOutcome.Changed;
    }

    /// <summary>SPEC 3.3 pin: true activates (and creates); unpin never moves it but is activity (3.4).</summary>
    private ModelOutcome SetPinned(SetPinned p, long now)
    {
        var conversation = Find(p.ConversationID.Value);
        if (!p.IsPinned)
        {
            if (conversation is null)
            {
                return ModelOutcome.Refuse(ErrorCode.ConversationNotFound);
            }

            if (!conversation.IsPinned)
            {
                return ModelOutcome.Unchanged;
            }

            conversation.IsPinned = false;
            conversation.ActivityTime = Math.Max(conversation.ActivityTime, now);
            return ModelOutcome.Changed;
        }

        if (conversation is { IsPinned: true })
        {
            return ModelOutcome.Unchanged;
        }

        conversation ??= Create(p.ConversationID, now);
        conversation.IsPinned = true;
        conversation.ActivityTime = Math.Max(conversation.ActivityTime, now);
        Activate(conversation);
        return ModelOutcome.Changed;
    }

    /// <summary>SPEC 3.4: recvOpt is stored; the unread count stays.</summary>
    private ModelOutcome SetRecvOpt(SetRecvOpt s) => WithConversation(s.ConversationID, c =>
    {
        if (c.RecvOpt == s.RecvOpt)
        {
            return ModelOutcome.Unchanged;
        }

        c.RecvOpt = s.RecvOpt;
        return ModelOutcome.Changed;
    });

    /// <summary>
    /// SPEC 3.3/3.4 read: up to <paramref name="upTo"/> inclusive (unread and @ entries); without one or with a future
    /// one everything, the watermark being the newest message (decisions: a future one is max(newest, now)).
    /// True when something changed: unread or @ entries cleared, or the watermark moved up.
    /// </summary>
    private static bool Read(ModelConversation c, long? upTo, long now)
    {
        var full = upTo is null || upTo > now;
        var watermark = upTo is null ? c.NewestMessageTimestamp
            : full ? Math.Max(c.NewestMessageTimestamp, now)
            : upTo.Value;
        var clearedUnread = c.Unread.RemoveAll(t => full || t <= watermark);
        var clearedAt = c.AtInfo.RemoveAll(a => full || a.Timestamp <= watermark);
        var raised = watermark > c.ReadWatermark;
        c.ReadWatermark = Math.Max(c.ReadWatermark, watermark);
        return clearedUnread > 0 || clearedAt > 0 || raised;
    }

    /// <summary>SPEC 3.3/3.4 clearHistory: lastMessage, unread and @ go; the watermark is the newest timestamp then.</summary>
    private static bool ClearHistory(ModelConversation c)
    {
        var changed = c.LastMessage is not null || c.Unread.Count > 0 || c.AtInfo.Count > 0 || c.ClearWatermark < c.NewestMessageTimestamp;
        c.LastMessage = null;
        c.Unread.Clear();
        c.AtInfo.Clear();
        c.ClearWatermark = Math.Max(c.ClearWatermark, c.NewestMessageTimestamp);
        return changed;
    }

    /// <summary>SPEC 3.3 delete: removed; 3.4 delete watermark: its newest message timestamp is remembered.</summary>
    private void Delete(ModelConversation c)
    {
        _conversations.Remove(c);
        var newest = c.NewestMessageTimestamp;
        var previous = _deleteWatermarks.FindIndex(w => w.ConversationID == c.ID.Value);
        if (previous >= 0)
        {
            newest = Math.Max(newest, _deleteWatermarks[previous].Timestamp);
            _deleteWatermarks.RemoveAt(previous);
        }

        _deleteWatermarks.Add((c.ID.Value, newest));
    }

    private ModelOutcome SetRemark(SetFriendRemark r)
    {
        // SPEC 3.4 profiles: an empty remark falls back to the next name, i.e. no remark.
        var remark = string.IsNullOrEmpty(r.Remark) ? null : r.Remark;
        var index = _remarks.FindIndex(x => x.PeerID == r.PeerID);
        var current = index >= 0 ? _remarks[index].Remark : null;
        if (current == remark)
        {
            return ModelOutcome.Unchanged;
        }

        if (index >= 0)
        {
            _remarks.RemoveAt(index);
        }

        if (remark is not null)
        {
            _remarks.Add((r.PeerID, remark));
        }

        return ModelOutcome.Changed;
    }

    private string? RemarkFor(string? peerID) => _remarks.Where(x => x.PeerID == peerID).Select(x => x.Remark).FirstOrDefault();
}
