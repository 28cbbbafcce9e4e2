using ConversationActors.Domain;
using ConversationActors.Domain.Events;

namespace ConversationActors.TestSupport.Torture;

/// <summary>
/// When each of a user's conversations was deleted and the delete watermark it left (SPEC 3.4: a later-arriving message
/// at or before it records nothing, yet answers as a duplicate). From a whole journal the watermarks are exact (the
/// domain's fold, event by event); from a compacted one only bounded: a watermark is never later than its deletion, and
/// deletions before the horizon cover no message newer than the horizon.
/// </summary>
public sealed class DeleteHistory
{
    private readonly List<(long At, string ConversationID, long? Watermark)> _deletions = [];
    private readonly long? _horizonAt;

    public DeleteHistory(UserJournal journal, ConversationSettings settings)
    {
        _horizonAt = journal.HorizonAt;
        if (journal.IsWhole)
        {
            var state = Domain.State.ConversationSet.Empty(journal.UserID, settings.DedupeWindow);
            foreach (var e in journal.Events)
            {
                state = state.Apply(e.Event);
                if (e.Event is ConversationDeleted deleted)
                {
                    _deletions.Add((e.At, deleted.ConversationID, state.DeleteWatermarks.For(deleted.ConversationID)));
                }
            }
        }
        else
        {
            _deletions.AddRange(journal.Events.Where(e => e.Event is ConversationDeleted).Select(e => (e.At, ((ConversationDeleted)e.Event).ConversationID, (long?)null)));
        }
    }

    /// <summary>
    /// True when a message of <paramref name="timestamp"/> into <paramref name="conversationID"/>, decided by
    /// <paramref name="decidedBy"/> (ms since the epoch), may have met a delete watermark.
    /// </summary>
    public bool MayCover(string conversationID, long timestamp, long decidedBy) =>
        (_horizonAt is { } horizon && timestamp <= horizon) ||
        _deletions.Any(d => d.ConversationID == conversationID && d.At <= decidedBy && (d.Watermark is { } w ? timestamp <= w : timestamp <= d.At));
}
