using System.Globalization;
using System.Text.RegularExpressions;
using ConversationActors.Actors.Journal;
using ConversationActors.Domain.State;
using ConversationActors.Gateway.Http;

namespace ConversationActors.Gateway.Apis;

/// <summary>
/// SPEC 4.3 <c>?asOfSeq=N</c> / <c>?asOf=ISO-8601</c>: the user's set folded from the journal as it was
/// after event N or at that time, and the moment at which retention is judged. The fold streams the journal in pages
/// from the latest snapshot at or before the target (issue 15, <see cref="StateReplay"/>), so memory does not grow with it.
/// A target before a compacted journal's horizon answers 6017 naming the horizon.
/// </summary>
public sealed partial class TimeTravel(StateReplay replay)
{
    public static bool IsRequested(IQueryCollection query) => query.ContainsKey("asOfSeq") || query.ContainsKey("asOf");

    public async Task<(ConversationSet State, long Moment)> FoldAsync(string userID, IQueryCollection query, CancellationToken ct)
    {
        var seqText = RouteArgs.Single(query, "asOfSeq");
        var timeText = RouteArgs.Single(query, "asOf");
        if (seqText is not null && timeText is not null)
        {
            throw RequestRefusedException.Invalid("give asOfSeq or asOf, not both");
        }

        if (seqText is not null)
        {
            if (!long.TryParse(seqText, NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
            {
                throw RequestRefusedException.Invalid($"asOfSeq must be an integer of 0 or more, got \"{Short(seqText)}\"");
            }

            ReplayedState after;
            try
            {
                after = await replay.AfterSeqAsync(userID, seq, ct);
            }
            catch (BeforeHorizonException before)
            {
                throw HorizonRefusal.For("asOfSeq", before);
            }

            if (after.Seq < seq)
            {
                throw RequestRefusedException.Invalid($"asOfSeq {seq} is beyond the end of the journal (its last event is {after.Seq})");
            }

            return (after.State, after.At);
        }

        var moment = ParseMoment(timeText!);
        try
        {
            return ((await replay.AtAsync(userID, moment, ct)).State, moment);
        }
        catch (BeforeHorizonException before)
        {
            throw HorizonRefusal.For("asOf", before);
        }
    }

    private static long ParseMoment(string text)
    {
        if (!ZoneSuffix().IsMatch(text) ||
            !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
        {
            throw RequestRefusedException.Invalid($"asOf must be an ISO-8601 time with a zone (Z or ±hh:mm), e.g. 2026-11-21T10:00:00Z, got \"{Short(text)}\"");
        }

        return moment.ToUnixTimeMilliseconds();
    }

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex ZoneSuffix();
}
