namespace ConversationActors.TestSupport.Torture;

/// <summary>
/// Checks (b) and (c), the journal against the history: no (user, conversation, msgID) is in a journal twice, and every
/// message in a journal is one the workload sent to that set; a message answered as applied (or delivered) is in the
/// journal, and no more often than the journals have it; one answered as a duplicate is in the journal or met a delete
/// watermark. On a compacted journal a message sent before its horizon may have been deleted with it: only what was
/// sent after the horizon must be there.
/// </summary>
public static class JournalCheck
{
    /// <summary>
    /// Margin (ms) around a journal's horizon: a message sent this long after the first kept event's time or later was
    /// decided after it, so it is kept if it was written.
    /// </summary>
    private const long HorizonMargin = 5;

    public static IEnumerable<Violation> Check(TortureEvidence evidence, Func<long, IReadOnlyList<string>> historyOf)
    {
        var requests = evidence.Load.History.Requests.Values.Where(r => r.Kind.AddsMessage()).ToArray();
        var byMsgID = requests.ToDictionary(r => r.MsgID!, StringComparer.Ordinal);
        var messages = evidence.Users.ToDictionary(u => u.Key, u => u.Value.Journal.Messages(), StringComparer.Ordinal);
        foreach (var (userID, journal) in messages)
        {
            foreach (var ((conversationID, msgID), seqs) in journal)
            {
                var sent = byMsgID.GetValueOrDefault(msgID);
                if (seqs.Count > 1)
                {
                    yield return new Violation("written twice", userID, msgID, $"in {conversationID} {seqs.Count} times (seqs {string.Join(", ", seqs)})", sent is null ? [] : historyOf(sent.Id));
                }

                if (sent is null || !sent.Targets.Contains(new MessageTarget(userID, conversationID)))
                {
                    yield return new Violation("never sent", userID, msgID, $"in {conversationID} at seq {seqs[0]}, but the workload never sent it to this set", sent is null ? [] : historyOf(sent.Id));
                }
            }
        }

        var deletes = evidence.Users.ToDictionary(u => u.Key, u => new DeleteHistory(u.Value.Journal, evidence.Options.Fold), StringComparer.Ordinal);
        var attempts = evidence.Load.History.Attempts.ToLookup(a => a.RequestId);
        foreach (var request in requests)
        {
            var answered = attempts[request.Id].Where(a => a.Outcome == AttemptOutcome.Answered && a.Code is not null).ToArray();
            var firstSent = attempts[request.Id].Select(a => a.SentAt).DefaultIfEmpty(long.MaxValue).Min();
            var targets = request.Targets.Select(t =>
            {
                var journal = evidence.Users[t.UserID].Journal;
                var written = messages[t.UserID].ContainsKey((t.ConversationID, request.MsgID!));
                var maybeDeleted = journal.HorizonAt is { } horizon && firstSent <= horizon + HorizonMargin;
                return (Target: t, Written: written, MaybeDeleted: !written && maybeDeleted);
            }).ToArray();
            foreach (var violation in request.Kind == OperationKind.AddMessage
                         ? CheckIngest(request, answered, targets[0], deletes[request.UserID])
                         : CheckFanOut(request, answered, targets, deletes))
            {
                yield return violation with { History = historyOf(request.Id) };
            }
        }
    }

    private static IEnumerable<Violation> CheckIngest(PlannedRequest request, Attempt[] answered, (MessageTarget Target, bool Written, bool MaybeDeleted) target, DeleteHistory deletes)
    {
        var applied = answered.Where(a => a.Succeeded && a.Applied == true).ToArray();
        if (applied.Length > 1)
        {
            yield return new Violation("applied twice", request.UserID, request.MsgID, $"{applied.Length} attempts answered applied: true", []);
        }

        if (applied.Length > 0 && !target.Written && !target.MaybeDeleted)
        {
            yield return new Violation("acknowledged write lost", request.UserID, request.MsgID, $"answered applied: true, but not in the journal's {target.Target.ConversationID}", []);
        }

        foreach (var duplicate in answered.Where(a => a.Succeeded && a.Applied == false))
        {
            if (!target.Written && !target.MaybeDeleted && !deletes.MayCover(target.Target.ConversationID, request.Timestamp!.Value, duplicate.AnsweredAt))
            {
                yield return new Violation("duplicate never written", request.UserID, request.MsgID,
                    $"attempt #{duplicate.Id} answered applied: false (a duplicate), but the journal's {target.Target.ConversationID} does not have it and no deletion covers it", []);
                break;
            }
        }
    }

    private static IEnumerable<Violation> CheckFanOut(
        PlannedRequest request, Attempt[] answered, (MessageTarget Target, bool Written, bool MaybeDeleted)[] targets, IReadOnlyDictionary<string, DeleteHistory> deletes)
    {
        // Each target is delivered to at most once, whatever the number of attempts: their delivered counts (503 answers
        // count theirs too) add up to at most the journals that have the message.
        var delivered = answered.Sum(a => a.Delivered ?? 0);
        var written = targets.Count(t => t.Written);
        var maybeDeleted = targets.Count(t => t.MaybeDeleted);
        if (delivered > written + maybeDeleted)
        {
            yield return new Violation("delivered twice", request.UserID, request.MsgID,
                $"the answers delivered it {delivered} times, but only {written} of the {targets.Length} targets' journals have it" +
                (maybeDeleted > 0 ? $" ({maybeDeleted} more may have lost it to retention)" : string.Empty), []);
        }

        if (answered.Where(a => a.Succeeded).Select(a => (long?)a.AnsweredAt).Max() is not { } acknowledgedAt)
        {
            yield break;
        }

        foreach (var (target, _, _) in targets.Where(t => !t.Written && !t.MaybeDeleted))
        {
            if (!deletes[target.UserID].MayCover(target.ConversationID, request.Timestamp!.Value, acknowledgedAt))
            {
                yield return new Violation("acknowledged write lost", target.UserID, request.MsgID,
                    $"the fan-out was acknowledged, but {target.UserID}'s journal does not have it in {target.ConversationID} and no deletion covers it", []);
            }
        }
    }
}
