using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ConversationActors.TestSupport.Torture;

/// <summary>One kind's share of a run: logical requests, attempts, and how the attempts ended (by HTTP status and code).</summary>
public sealed record KindSummary(string Kind, int Operations, int Attempts, IReadOnlyDictionary<string, int> Outcomes);

/// <summary>
/// What a torture run did and found: its size, the duplicates and retries it sent, how each kind was answered, what the
/// journals held, what the entities went through, the faults it declared, and every violation (none: passed).
/// </summary>
/// <param name="StartedAt">When the load started (ms since the epoch); <paramref name="Seconds"/> is how long it ran.</param>
/// <param name="FailuresDuringFaults">Attempts that failed (a 503, no answer) within a declared fault: allowed, counted.</param>
/// <param name="FailureReasons">Why attempts failed (the 503's desc, or the connection error; numbers and IDs as N), by count.</param>
public sealed partial record TortureReport(
    int Seed,
    long StartedAt,
    double Seconds,
    int Nodes,
    int Operations,
    int Attempts,
    int ExtraCopies,
    int ClientTimeouts,
    int MessagesAcknowledged,
    int Users,
    int WholeJournals,
    int CompactedJournals,
    long EventsRead,
    int Rests,
    int Retired,
    int EntityDrops,
    int MostEntities,
    IReadOnlyList<string> Faults,
    int FailuresDuringFaults,
    IReadOnlyDictionary<string, int> FailureReasons,
    IReadOnlyList<KindSummary> ByKind,
    IReadOnlyList<Violation> Violations)
{
    public bool Passed => Violations.Count == 0;

    /// <summary>The history the report was made of: every attempt, for a test's own figures (e.g. per node, per fault).</summary>
    public required OperationHistory History { get; init; }

    public static TortureReport Of(TortureEvidence evidence, IReadOnlyList<Violation> violations)
    {
        var history = evidence.Load.History;
        var attempts = history.Attempts.ToArray();
        var requests = history.Requests.Values.ToArray();
        var succeeded = attempts.Where(a => a.Succeeded).Select(a => a.RequestId).ToHashSet();
        var byKind = requests.GroupBy(r => r.Kind).OrderBy(g => g.Key).Select(g =>
        {
            var ofKind = attempts.Where(a => a.Kind == g.Key).ToArray();
            return new KindSummary(
                g.Key.ToString(),
                g.Count(),
                ofKind.Length,
                ofKind.GroupBy(Outcome).OrderBy(o => o.Key, StringComparer.Ordinal).ToDictionary(o => o.Key, o => o.Count(), StringComparer.Ordinal));
        }).ToArray();
        var journals = evidence.Users.Values.Select(u => u.Journal).ToArray();
        return new TortureReport(
            evidence.Options.Seed,
            history.StartedAt,
            evidence.Load.Elapsed.TotalSeconds,
            evidence.Options.Nodes.Count,
            requests.Length,
            attempts.Length,
            attempts.GroupBy(a => a.RequestId).Sum(g => g.Select(a => a.Copy).Distinct().Count() - 1),
            attempts.Count(a => a.Outcome == AttemptOutcome.TimedOutByClient),
            requests.Count(r => r.Kind.AddsMessage() && succeeded.Contains(r.Id)),
            journals.Length,
            journals.Count(j => j.IsWhole),
            journals.Count(j => !j.IsWhole),
            journals.Sum(j => (long)j.Events.Count),
            evidence.Load.Rests,
            evidence.Load.Retired,
            EntitySampler.Drops(evidence.Load.EntitySamples),
            evidence.Load.EntitySamples.Select(s => s.Entities).DefaultIfEmpty(0).Max(),
            [.. evidence.Faults.Select(f => Describe(f, attempts.Where(a => Failed(a, evidence.Options) && f.Covers(a.SentAt, a.AnsweredAt)).ToArray(), history.StartedAt))],
            attempts.Count(a => Failed(a, evidence.Options) && evidence.Faults.Any(f => f.Covers(a.SentAt, a.AnsweredAt))),
            attempts.Where(a => Failed(a, evidence.Options))
                .GroupBy(a => Reason(a))
                .OrderByDescending(g => g.Count())
                .Take(10)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            byKind,
            violations)
        {
            History = history,
        };
    }

    /// <summary>The summary and the first <paramref name="shown"/> violations with their history lines, seed first.</summary>
    public string Describe(int shown = 20)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"torture run with seed {Seed} (repeat with {TortureOptions.SeedVariable}={Seed}): {(Passed ? "no violation" : $"{Violations.Count} VIOLATIONS")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  {Operations:N0} logical requests in {Seconds:0.0} s on {Nodes} node(s): {Attempts:N0} attempts, {ExtraCopies:N0} extra concurrent copies, {ClientTimeouts:N0} client timeouts, {MessagesAcknowledged:N0} messages acknowledged");
        text.AppendLine(CultureInfo.InvariantCulture, $"  {Users} users ({Retired} retired at their message cap), {Rests} rests, live entities up to {MostEntities} and dropping {EntityDrops} times; journals: {WholeJournals} whole (folded), {CompactedJournals} compacted by retention, {EventsRead:N0} events read");
        foreach (var fault in Faults)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  fault: {fault}");
        }

        if (Faults.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {FailuresDuringFaults:N0} attempts failed (503 or no answer) within the faults: allowed");
        }

        foreach (var (reason, count) in FailureReasons)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  failed ×{count}: {reason}");
        }

        foreach (var kind in ByKind)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {kind.Kind}: {kind.Operations} requests, {kind.Attempts} attempts: {string.Join(", ", kind.Outcomes.Select(o => $"{o.Key} ×{o.Value}"))}");
        }

        foreach (var group in Violations.GroupBy(v => v.Check))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  violations [{group.Key}]: {group.Count()}");
        }

        foreach (var violation in Violations.Take(shown))
        {
            text.AppendLine("  - " + violation.Describe());
        }

        return text.ToString();
    }

    /// <summary>A fault's window and, when requests failed within it, how many and how long after its start the last one was answered (its users' time to being served again).</summary>
    private static string Describe(FaultWindow fault, Attempt[] failed, long startedAt)
    {
        var window = string.Create(CultureInfo.InvariantCulture, $"{fault.Reason}: {(fault.Start - startedAt) / 1000.0:0.0}-{(fault.End - startedAt) / 1000.0:0.0} s");
        return failed.Length == 0
            ? window + ", no request failed"
            : window + string.Create(CultureInfo.InvariantCulture, $", {failed.Length} failed, the last answered {(failed.Max(a => a.AnsweredAt) - fault.Start) / 1000.0:0.0} s after it began");
    }

    /// <summary>True for an attempt that failed as a fault makes requests fail: a 503, no answer, or none within the patient timeout.</summary>
    public static bool Failed(Attempt a, TortureOptions options) =>
        a.Unavailable || a.Outcome == AttemptOutcome.ConnectionFailed ||
        (a.Outcome == AttemptOutcome.TimedOutByClient && a.TimeoutMs >= (long)options.PatientTimeout.TotalMilliseconds);

    /// <summary>Why a failed attempt failed, with its numbers and IDs replaced by N so that alike failures group.</summary>
    public static string Reason(Attempt a)
    {
        var reason = a.Outcome == AttemptOutcome.TimedOutByClient ? "no answer within the patient timeout" : $"{Outcome(a)}: {Digits().Replace(a.Error ?? string.Empty, "N")}";
        return reason.Length <= 160 ? reason : reason[..160] + "…";
    }

    /// <summary>How an attempt ended, as a report key: the HTTP status and code, a client timeout, or no answer.</summary>
    public static string Outcome(Attempt a) => a.Outcome switch
    {
        AttemptOutcome.TimedOutByClient => "client timeout",
        AttemptOutcome.ConnectionFailed => "no answer",
        _ => string.Create(CultureInfo.InvariantCulture, $"{a.Status} {a.Code}"),
    };

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
