using System.Globalization;

namespace ConversationActors.Client.Requests;

/// <summary>
/// Time travel (admin only): answer as the list was after journal event <c>seq</c>, or at a moment, folded from
/// the journal. A seq beyond the journal's end is refused with 6017.
/// </summary>
public sealed record AsOf
{
    private AsOf(long? seq, DateTimeOffset? moment)
    {
        Seq = seq;
        Moment = moment;
    }

    /// <summary>The journal seq (1 or more), or null.</summary>
    public long? Seq { get; }

    /// <summary>The moment (sent as UTC ISO 8601), or null.</summary>
    public DateTimeOffset? Moment { get; }

    /// <summary>As the list was after journal event <paramref name="seq"/> (<c>?asOfSeq=</c>).</summary>
    public static AsOf AfterSeq(long seq) => new(seq, null);

    /// <summary>As the list was at <paramref name="moment"/> (<c>?asOf=</c>).</summary>
    public static AsOf At(DateTimeOffset moment) => new(null, moment);

    internal KeyValuePair<string, string> ToQuery() => Seq is { } seq
        ? new("asOfSeq", seq.ToString(CultureInfo.InvariantCulture))
        : new("asOf", Moment!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
}
