using System.Text.Json.Serialization;
using ConversationActors.Domain.Changes;

namespace ConversationActors.Actors.Protocol;

/// <summary>
/// The change-feed items of one durable event, computed once by the user's entity (issue 15) and sent to each stream
/// registered with it (<see cref="GetChanges.Subscribe"/>, issue 27) after event <see cref="SequenceNr"/> is persisted,
/// never before.
/// <see cref="Items"/> are the conversation items (SPEC 4.3, in the feed's order); <see cref="TotalUnreadCount"/> is the
/// total after the event, judged at its server time: each stream sends <c>totalUnreadChanged</c> when it differs from
/// the last total that stream sent. Delivery is at most once; a stream fills a gap with <see cref="GetChanges"/>.
/// <see cref="Oversized"/>: the event changed more conversations than one message should carry (e.g. renaming a large
/// conversation group), so <see cref="Items"/> is empty and a stream reads that event's items from the journal.
/// </summary>
public sealed record EventChanges(string UserID, long SequenceNr, IReadOnlyList<ChangeItem> Items, long TotalUnreadCount, bool Oversized = false) : IClusterMessage
{
    /// <summary>
    /// Not sent by an entity: what a stream's subscriber tells its stream when the entity it registered with stopped and
    /// its new incarnation no longer holds the changes through <paramref name="seq"/>: like an oversized event, the stream
    /// reads them from the entity's history or the journal.
    /// </summary>
    public static EventChanges Missed(string userID, long seq) => new(userID, seq, [], 0, Oversized: true);
}

/// <summary>
/// Where a change stream starts (issue 15). <see cref="After"/> null: now (answer: the last seq and the total judged
/// now). Otherwise the changes of the events after seq <see cref="After"/>, at most <see cref="Max"/> of them, from the
/// entity's recent history (<c>changes.history-size</c>). Answer: <see cref="ChangesAnswer"/>. <see cref="Subscribe"/>
/// (issue 27): the sender is also registered as a listener: from the answer on, the entity sends it the
/// <see cref="EventChanges"/> of every event after <see cref="ChangesAnswer.LastSequenceNr"/>, until it stops (the entity
/// watches it). A listener watches the entity in turn and registers again when it stops or moves.
/// </summary>
public sealed record GetChanges(string UserID, long? After, int Max, bool Subscribe = false) : IEntityMessage
{
    [JsonIgnore]
    public string EntityID => UserID;
}

/// <summary>
/// The entity's answer to <see cref="GetChanges"/>. <see cref="Changes"/> null: the resume point is older than the
/// history the entity holds (or beyond <see cref="LastSequenceNr"/>), so the stream reads the journal from a snapshot.
/// Otherwise <see cref="TotalUnreadCount"/> is the total after the resume point (or now, for a fresh stream) and
/// <see cref="Changes"/> the next events' changes, in seq order. At the last event with its total unknown (the entity
/// recovered from a snapshot and nothing followed) <see cref="Changes"/> is empty and the total null: nothing to catch
/// up, but a resume that needs the total reads the journal.
/// </summary>
public sealed record ChangesAnswer(long LastSequenceNr, long? TotalUnreadCount, IReadOnlyList<EventChanges>? Changes) : IClusterMessage;
