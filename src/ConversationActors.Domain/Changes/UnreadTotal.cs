using ConversationActors.Domain.Model;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.State;

namespace ConversationActors.Domain.Changes;

/// <summary>
/// The total unread count (SPEC 4.2 <c>/unread</c>: unread of live RECEIVE conversations) after each event, judged at
/// that event's server time, kept up to date from the conversations the event touched (issue 27: never a walk of the
/// set per event). <see cref="Total"/> was judged at <see cref="At"/> (ms since epoch) and stays right until
/// <see cref="ValidThrough"/>: the first moment a counted conversation may expire under retention (its activity time plus
/// the retention; <see cref="long.MaxValue"/> when none can). An event later than that, or earlier than
/// <see cref="At"/> (a clock stepped back), counts the whole set again once and takes the new bound — at most once
/// per expiry of a conversation with unread messages.
/// </summary>
public readonly record struct UnreadTotal(long Total, long At, long ValidThrough)
{
    /// <summary>The total of <paramref name="set"/> judged at <paramref name="at"/>, counted over the whole set.</summary>
    public static UnreadTotal Of(ConversationSet set, long at, long retentionMs)
    {
        long total = 0;
        var validThrough = long.MaxValue;
        foreach (var entry in set.Conversations.Values)
        {
            var counted = ListQueries.CountedUnread(entry, at, retentionMs);
            total += counted;
            validThrough = Math.Min(validThrough, ValidThroughFor(entry, counted, retentionMs));
        }

        return new UnreadTotal(total, at, validThrough);
    }

    /// <summary>
    /// The total after an event at <paramref name="at"/> that turned <paramref name="before"/> (whose total this is) into
    /// <paramref name="after"/>, changing at most the conversations <paramref name="touched"/>
    /// (<see cref="TouchedConversations.Of"/>): O(touched × log n) while no counted conversation can have expired.
    /// </summary>
    public UnreadTotal Step(ConversationSet before, ConversationSet after, IReadOnlyList<string> touched, long at, long retentionMs)
    {
        if (at < At || at > ValidThrough)
        {
            return Of(after, at, retentionMs);
        }

        var total = Total;
        var validThrough = ValidThrough;
        foreach (var id in touched)
        {
            if (before.Find(id) is { } was)
            {
                total -= ListQueries.CountedUnread(was, at, retentionMs);
            }

            if (after.Find(id) is { } now)
            {
                var counted = ListQueries.CountedUnread(now, at, retentionMs);
                total += counted;
                validThrough = Math.Min(validThrough, ValidThroughFor(now, counted, retentionMs));
            }
        }

        return new UnreadTotal(total, at, validThrough);
    }

    /// <summary>The last moment <paramref name="entry"/>'s contribution is sure to hold: it changes only by an event or by expiry.</summary>
    private static long ValidThroughFor(ConversationEntry entry, long counted, long retentionMs) =>
        counted == 0 || entry.IsPinned || retentionMs <= 0 ? long.MaxValue : entry.ActivityTime + retentionMs;
}
