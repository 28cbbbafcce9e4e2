using System.Globalization;
using System.Text;

namespace ConversationActors.TestSupport.Torture;

/// <summary>How one attempt ended, as the client saw it.</summary>
public enum AttemptOutcome
{
    /// <summary>An HTTP answer arrived (any status).</summary>
    Answered,

    /// <summary>The client gave up waiting (its own random timeout) and cancelled the request; the server may still do it.</summary>
    TimedOutByClient,

    /// <summary>No HTTP answer: the connection was refused or reset (a node down), or the answer was not an envelope.</summary>
    ConnectionFailed,
}

/// <summary>
/// One line of the operation history: one HTTP attempt of a logical request (<see cref="RequestId"/>): copy
/// <see cref="Copy"/> of the concurrent copies, try <see cref="Try"/> of that copy's retries. Times are ms since the Unix
/// epoch on this machine's clock (the servers' event times use the same clock). <see cref="Applied"/> is the single-user
/// ingest's answer; <see cref="Delivered"/> and <see cref="Duplicates"/> the fan-out's (also in its 503 answer).
/// <see cref="Anomaly"/> is what the answer itself got wrong (a list out of order), checked as it came;
/// <see cref="TimeoutMs"/> the client timeout the attempt was given.
/// </summary>
public sealed record Attempt(
    long Id,
    long RequestId,
    int Copy,
    int Try,
    OperationKind Kind,
    string UserID,
    string? ConversationID,
    string? MsgID,
    int Node,
    long SentAt,
    long AnsweredAt,
    AttemptOutcome Outcome,
    int? Status = null,
    int? Code = null,
    bool? Applied = null,
    int? Delivered = null,
    int? Duplicates = null,
    string? Error = null,
    string? Anomaly = null,
    long TimeoutMs = 0)
{
    /// <summary>
    /// For a list answer (the whole list or a page): the lastMessage of each conversation it showed, as
    /// (conversationID, msgID); a read shows only durable state, so each must be in the user's journal.
    /// </summary>
    public IReadOnlyList<(string ConversationID, string MsgID)>? LastMessagesShown { get; init; }

    /// <summary>True when the envelope says success (code 0).</summary>
    public bool Succeeded => Outcome == AttemptOutcome.Answered && Code == 0;

    /// <summary>True when the server answered 503 (TIMEOUT or STORE_UNAVAILABLE).</summary>
    public bool Unavailable => Outcome == AttemptOutcome.Answered && Status == 503;

    /// <summary>The history line, times relative to <paramref name="start"/> (ms since the epoch).</summary>
    public string Describe(long start)
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"#{Id} request {RequestId} copy {Copy} try {Try} {Kind} user {UserID}");
        if (ConversationID is not null)
        {
            line.Append(CultureInfo.InvariantCulture, $" conversation {ConversationID}");
        }

        if (MsgID is not null)
        {
            line.Append(CultureInfo.InvariantCulture, $" msgID {MsgID}");
        }

        line.Append(CultureInfo.InvariantCulture, $" node {Node} sent {(SentAt - start) / 1000.0:0.000} s, after {AnsweredAt - SentAt} ms: ");
        line.Append(Outcome switch
        {
            AttemptOutcome.TimedOutByClient => $"timed out by the client (its timeout {TimeoutMs} ms)",
            AttemptOutcome.ConnectionFailed => $"no answer ({Error})",
            _ => $"HTTP {Status} code {Code}",
        });
        if (Applied is { } applied)
        {
            line.Append(CultureInfo.InvariantCulture, $" applied {applied.ToString().ToLowerInvariant()}");
        }

        if (Delivered is not null || Duplicates is not null)
        {
            line.Append(CultureInfo.InvariantCulture, $" delivered {Delivered} duplicates {Duplicates}");
        }

        if (Outcome == AttemptOutcome.Answered && Code != 0 && Error is not null)
        {
            line.Append(CultureInfo.InvariantCulture, $" ({Error})");
        }

        if (Anomaly is not null)
        {
            line.Append(CultureInfo.InvariantCulture, $" ANOMALY: {Anomaly}");
        }

        return line.ToString();
    }
}
