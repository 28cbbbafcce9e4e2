using ConversationActors.Domain;
using ConversationActors.Domain.Changes;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Replay;
using ConversationActors.Domain.State;

namespace ConversationActors.TestSupport.Torture;

/// <summary>One event of a user's journal as <c>GET /v1/users/{userID}/events</c> answers it, deserialized by manifest.</summary>
/// <param name="At">The event's server time (ms since the epoch).</param>
/// <param name="Type">Its manifest, e.g. <c>MessageAdded.v1</c>.</param>
public sealed record JournalEntry(long Seq, long At, string Type, IConversationEvent Event);

/// <summary>
/// A user's journal as it stands after the run: whole (it starts at seq 1, or is empty) or compacted by the journal's
/// life cycle (its first events deleted up to a horizon; <see cref="HorizonAt"/> is the time of the first kept event,
/// and every event recorded after that time is kept).
/// </summary>
public sealed record UserJournal(string UserID, IReadOnlyList<JournalEntry> Events)
{
    public bool IsWhole => Events.Count == 0 || Events[0].Seq == 1;

    public long LastSeq => Events.Count == 0 ? 0 : Events[^1].Seq;

    /// <summary>For a compacted journal, the time of its first kept event; null for a whole one.</summary>
    public long? HorizonAt => IsWhole ? null : Events[0].At;

    /// <summary>The seqs of each (conversationID, msgID) of the journal's <see cref="MessageAdded"/> events.</summary>
    public IReadOnlyDictionary<(string ConversationID, string MsgID), IReadOnlyList<long>> Messages() =>
        Events.Where(e => e.Event is MessageAdded)
            .GroupBy(e => (((MessageAdded)e.Event).ConversationID, ((MessageAdded)e.Event).MsgID))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<long>)[.. g.Select(e => e.Seq)]);

    /// <summary>The user's set folded from the first event with the domain's own fold (a whole journal only).</summary>
    public ConversationSet Fold(ConversationSettings settings)
    {
        if (!IsWhole)
        {
            throw new InvalidOperationException($"the journal of {UserID} starts at event {Events[0].Seq}: it cannot be folded from the start");
        }

        return Events.Aggregate(ConversationSet.Empty(UserID, settings.DedupeWindow), (state, e) => state.Apply(e.Event));
    }

    /// <summary>
    /// The seqs whose events give the change feed an item (a conversation new, changed or gone, or the total moved), by
    /// the domain's own feed over the whole journal: an event that changes nothing a client sees has no item, so a
    /// stream rightly skips its seq (a whole journal only).
    /// </summary>
    public IReadOnlyList<long> ChangeSeqs(ConversationSettings settings)
    {
        var retentionMs = (long)settings.Retention.TotalMilliseconds;
        var empty = ConversationSet.Empty(UserID, settings.DedupeWindow);
        var feed = ChangeFeed.Start(empty, 0, Events.Count == 0 ? 0 : Events[0].At, retentionMs);
        var seqs = new List<long>();
        foreach (var e in Events)
        {
            (feed, var items) = feed.Step(new JournalEvent(e.Seq, e.Event));
            if (items.Count > 0)
            {
                seqs.Add(e.Seq);
            }
        }

        return seqs;
    }
}
