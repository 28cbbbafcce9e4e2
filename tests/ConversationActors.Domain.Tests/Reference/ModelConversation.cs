using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;

namespace ConversationActors.Domain.Tests.Reference;

/// <summary>
/// One conversation of the reference model: the SPEC 3.2 fields as plain mutable data, plus the facts the SPEC 3.4
/// rules are phrased in (every applied message's timestamp, the read and clearHistory watermarks, activity time).
/// Deliberately naive: lists and linear scans, nothing shared with the fold.
/// </summary>
internal sealed class ModelConversation(ConversationId id, long createdAt)
{
    public ConversationId ID { get; } = id;

    public long OrderKey { get; set; }

    public bool IsPinned { get; set; }

    public GroupType? GroupType { get; set; }

    public LastMessage? LastMessage { get; set; }

    /// <summary>Timestamps of the incoming messages that counted as unread and are not read yet.</summary>
    public List<long> Unread { get; } = [];

    /// <summary>groupAtInfoList in arrival order, with the message timestamp a partial read compares.</summary>
    public List<(string MsgID, AtType AtType, long Timestamp)> AtInfo { get; } = [];

    public string? DraftText { get; set; }

    public long? DraftTimestamp { get; set; }

    public RecvOpt RecvOpt { get; set; } = RecvOpt.Receive;

    /// <summary>SPEC 3.4 activity time: running maximum of message timestamps, draft and pin/unpin times.</summary>
    public long ActivityTime { get; set; }

    /// <summary>SPEC 3.4 read watermark: later messages at or before it are not unread.</summary>
    public long ReadWatermark { get; set; }

    /// <summary>SPEC 3.4 clearHistory watermark: later messages at or before it never become lastMessage.</summary>
    public long ClearWatermark { get; set; }

    /// <summary>Every applied message's timestamp (stats are not reset by clearHistory, SPEC 3.4).</summary>
    public List<long> AppliedTimestamps { get; } = [];

    /// <summary>SPEC 3.4: server time of (re)creation.</summary>
    public long CreatedAt { get; } = createdAt;

    /// <summary>Marks as a list of single-bit values (decisions: marks), kept unsorted on purpose.</summary>
    public List<ulong> Marks { get; } = [];

    public string? CustomData { get; set; }

    /// <summary>conversationGroupList in the order the conversation joined (decisions: conversation groups).</summary>
    public List<string> Groups { get; } = [];

    public long NewestMessageTimestamp => AppliedTimestamps.Count == 0 ? 0 : AppliedTimestamps.Max();

    public bool IsHidden => Marks.Contains(ConversationMarks.Hide);

    /// <summary>SPEC 3.2: AVChatRoom groups show 0 unread.</summary>
    public int UnreadCount => GroupType == Model.GroupType.AVChatRoom ? 0 : Unread.Count;
}
