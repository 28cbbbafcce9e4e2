using System.Text;
using ConversationActors.Bench.Scenarios;

namespace ConversationActors.Bench.Report;

/// <summary>
/// Issue 27 (6): what a message costs the server (CPU per acknowledged message), against the same POSTs answered by a
/// trivial endpoint on the same Kestrel, and against the <c>--before</c> revision's own server in the same run.
/// </summary>
public static partial class MarkdownReport
{
    /// <summary>The write shapes by name, with the suffix of their server's key and the results that hold them.</summary>
    private static (string Shape, string Suffix, Dictionary<string, Figure?> Figures)[] Shapes(BenchResults r) =>
        [("spread", string.Empty, r.Ingest), ("hot", "-hot", r.Ingest), ("fan-out", string.Empty, r.FanOut)];

    private static Figure? CeilingFor(BenchResults r, string server) =>
        r.IngestCeiling.GetValueOrDefault(server.StartsWith("postgres", StringComparison.Ordinal) ? "postgres" : "sqlite");

    private static Figure? BeforeOf(BenchResults r, string store, string suffix, Dictionary<string, Figure?> figures) =>
        r.Before is { } revision ? figures.GetValueOrDefault($"{store}-{revision}{suffix}") : null;

    /// <summary>The summary's rows of issue 27 for one store: CPU per message after ÷ before, ingest ÷ the trivial endpoint.</summary>
    private static void CostTargets(StringBuilder md, BenchResults r, string store)
    {
        var ceiling = r.IngestCeiling.GetValueOrDefault(store);
        foreach (var (shape, suffix, figures) in Shapes(r))
        {
            var fanOut = shape == "fan-out";
            var after = figures.GetValueOrDefault(store + suffix)?.Cpu?.MicrosecondsPerEvent;
            var before = BeforeOf(r, store, suffix, figures)?.Cpu?.MicrosecondsPerEvent;
            var ratio = after / before;
            Row(md, $"CPU per acknowledged {(fanOut ? "delivery" : "message")}, {shape} ingest ({store}): after ÷ before",
                r.Before is { } revision
                    ? $"{Fmt(ratio, "0.00")}× ({Fmt(after, "N0")} vs {Fmt(before, "N0")} µs at `{revision}`)"
                    : $"{Fmt(after, "N0")} µs (no before: run with `--before REV`)",
                fanOut || shape == "spread" ? "≤ 0.5×" : "reported",
                fanOut || shape == "spread" ? ratio <= 0.5 : after is not null);
        }

        foreach (var (shape, suffix, figures) in Shapes(r))
        {
            var f = figures.GetValueOrDefault(store + suffix);
            var rate = shape == "fan-out" ? f?.EventsPerSecond : f?.RequestsPerSecond;
            var ratio = rate / ceiling?.RequestsPerSecond;
            Row(md, $"{shape} ingest {(shape == "fan-out" ? "deliveries" : "events")}/s ÷ the same POSTs to a trivial endpoint on the same Kestrel ({store})",
                $"{Fmt(ratio, "0.00")}× ({Fmt(rate, "N0")} vs {Fmt(ceiling?.RequestsPerSecond, "N0")} req/s)", "≥ 0.5×", ratio >= 0.5);
        }

        var spread = r.Ingest.GetValueOrDefault(store)?.Cpu?.MicrosecondsPerRequest;
        var floor = ceiling?.Cpu?.MicrosecondsPerRequest;
        Row(md, $"trivial endpoint's CPU per request ({store}): the part of a spread message's CPU that is Kestrel's, not ours",
            $"{Fmt(floor, "N0")} of {Fmt(spread, "N0")} µs ({Fmt(floor / spread * 100, "N0")} %)", "reported", floor is not null);
    }

    /// <summary>Per store and shape, a row per build: events/s, CPU per message and per event, and the ratios to both ceilings.</summary>
    private static void BeforeAfter(StringBuilder md, BenchResults r)
    {
        md.AppendLine(r.Before is { } revision
            ? $"**Issue 27, before and after in this run**: revision `{revision}`'s own server (built in Release from a worktree of that revision, "
                + "with its own config folder) ran each write shape right after this build's, on the same store with the same load. The ratios "
                + "use this run's raw INSERT and trivial endpoint for both builds (the ASP.NET Core runtime and the database are the same)."
            : "**Issue 27, this build's costs** (no before rows in this run: `scripts/bench.sh --before REV` adds them, e.g. `--before 9a18eb0`).");
        md.AppendLine();
        md.AppendLine("| shape | build | events/s | p99 ms | CPU µs per message | CPU µs per event | events ÷ raw 100-row INSERT | events ÷ trivial endpoint |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var store in new[] { "sqlite", "postgres" })
        {
            foreach (var (shape, suffix, figures) in Shapes(r))
            {
                var after = figures.GetValueOrDefault(store + suffix);
                var before = BeforeOf(r, store, suffix, figures);
                if (after is null && before is null)
                {
                    continue;
                }

                void Line(string build, Figure? f) =>
                    md.AppendLine(Inv, $"| {shape} ({store}) | {build} | {Fmt(f?.EventsPerSecond, "N0")} | {Fmt(f?.P99, "N1")} | {Fmt(f?.Cpu?.MicrosecondsPerRequest, "N0")} | "
                        + $"{Fmt(f?.Cpu?.MicrosecondsPerEvent, "N0")} | {Fmt(f?.EventsPerSecond / RawFor(r, store)?.BatchedRowsPerSecond, "0.000")} | "
                        + $"{Fmt(f?.EventsPerSecond / CeilingFor(r, store)?.RequestsPerSecond, "0.00")} |");
                if (r.Before is { } rev)
                {
                    Line($"before ({rev})", before);
                }

                Line("after", after);
                if (r.Before is not null)
                {
                    md.AppendLine(Inv, $"| {shape} ({store}) | after ÷ before | {Fmt(after?.EventsPerSecond / before?.EventsPerSecond, "0.00")}× | | "
                        + $"{Fmt(after?.Cpu?.MicrosecondsPerRequest / before?.Cpu?.MicrosecondsPerRequest, "0.00")}× | {Fmt(after?.Cpu?.MicrosecondsPerEvent / before?.Cpu?.MicrosecondsPerEvent, "0.00")}× | | |");
                }
            }
        }

        md.AppendLine();
    }
}
