using System.Text.Json.Serialization;
using ConversationActors.Domain.Changes;

namespace ConversationActors.Actors.Protocol;

/// <summary>
/// The change-feed items of one durable event, computed once by the user's entity (issue 15) and published to the
/// user's topic (<see cref="ChangeNotice.TopicFor"/>) after event <see cref="SequenceNr"/> is persisted, never before.
/// <see cref="Items"/> are the conversation items (SPEC 4.3, in the feed's order); <see cref="TotalUnreadCount"/> is the
/// total after the event, judged at its server time: each stream sends <c>totalUnreadChanged</c> when it differs from
/// the last total that stream sent. Delivery is at most once; a stream fills a gap with <see cref="GetChanges"/>.
/// <see cref="Oversized"/>: the event changed more conversations than one message should carry (e.g. renaming a large
/// conversation group), so <see cref="Items"/> is empty and a stream reads that event's items from the journal.
/// </summary>
public sealed record EventChanges(string UserID, long SequenceNr, IReadOnlyList<ChangeItem> Items, long TotalUnreadCount, bool Oversized = false) : IClusterMessage;

/// <summary>
/// Where a change stream starts (issue 15). <see cref="After"/> null: now (answer: the last seq and the total judged
/// now). Otherwise the changes of the events after seq <see cref="After"/>, at most <see cref="Max"/> of them, from the
/// entity's recent history (<c>changes.history-size</c>). Answer: <see cref="ChangesAnswer"/>.
/// </summary>
public sealed record GetChanges(string UserID, long? After, int Max) : IEntityMessage
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
