using System.Globalization;

namespace ConversationActors.TestSupport.Torture;

/// <summary>
/// Check (a), over every attempt: never a 500 (or any 5xx but 503); a 503, a refused connection or no answer within
/// the patient timeout only during a declared fault; never a 6017 (the workload sends only valid requests), a 6004 only
/// where a conversation may not exist, no other status; list answers in list order; a successful message answer says
/// what happened to every target.
/// </summary>
public static class AnswerCheck
{
    public static IEnumerable<Violation> Check(TortureEvidence evidence, Func<long, IReadOnlyList<string>> historyOf)
    {
        var patientMs = (long)evidence.Options.PatientTimeout.TotalMilliseconds;
        foreach (var a in evidence.Load.History.Attempts)
        {
            var request = evidence.Load.History.Requests[a.RequestId];
            var fault = evidence.Faults.FirstOrDefault(w => w.Covers(a.SentAt, a.AnsweredAt));
            (string Check, string Detail)? problem = a.Outcome switch
            {
                AttemptOutcome.Answered when a.Status is >= 500 and not 503 => ("HTTP 5xx", $"answered HTTP {a.Status}"),
                AttemptOutcome.Answered when a.Status == 503 && fault is null => ("503 without a fault", $"answered 503 code {a.Code} ({a.Error}) while no fault was injected"),
                AttemptOutcome.ConnectionFailed when fault is null => ("no answer without a fault", $"no answer ({a.Error}) while no fault was injected"),
                AttemptOutcome.TimedOutByClient when a.TimeoutMs >= patientMs && fault is null =>
                    ("no answer in time", string.Create(CultureInfo.InvariantCulture, $"no answer within {patientMs} ms while no fault was injected")),
                AttemptOutcome.Answered when a.Status != 503 && a.Code is null => ("not an envelope", $"answered HTTP {a.Status} without an envelope: {a.Error}"),
                AttemptOutcome.Answered when a.Status == 400 => ("refused as invalid", $"a valid request was refused: code {a.Code} ({a.Error}); {request}"),
                AttemptOutcome.Answered when a.Status == 404 && !a.Kind.MayFindNoConversation() => ("unexpected 6004", $"answered code {a.Code} ({a.Error}); {request}"),
                AttemptOutcome.Answered when a.Status is not (200 or 404 or 503) => ("unexpected status", $"answered HTTP {a.Status} code {a.Code} ({a.Error})"),
                AttemptOutcome.Answered when a.Anomaly is not null => ("list answer", a.Anomaly),
                AttemptOutcome.Answered when a.Succeeded && MessageCountsDisagree(a, request) is { } disagreement => ("message answer", disagreement),
                _ => null,
            };
            if (problem is { } found)
            {
                yield return new Violation(found.Check, a.UserID, a.MsgID, found.Detail, historyOf(a.RequestId));
            }
        }
    }

    private static string? MessageCountsDisagree(Attempt a, PlannedRequest request) => a.Kind switch
    {
        OperationKind.AddMessage when a.Applied is null => "a successful message answer without applied",
        OperationKind.FanOutC2C or OperationKind.FanOutGroup when a.Delivered + a.Duplicates != request.Targets.Count =>
            $"delivered {a.Delivered} + duplicates {a.Duplicates} is not the {request.Targets.Count} targets",
        _ => null,
    };
}
