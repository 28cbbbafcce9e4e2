using System.Globalization;
using ScottPlot;

namespace ConversationActors.Bench.Report;

/// <summary>
/// Issue #14 (5): the scale curves as PNG charts (ScottPlot), written next to the report in a folder named after it
/// (<c>docs/benchmarks/</c> for <c>docs/benchmarks.md</c>). The x axis is logarithmic: every curve spans decades.
/// </summary>
public static class Charts
{
    public sealed record Series(string Name, double[] Xs, double[] Ys);

    /// <summary>The folder of the report's charts, and the relative path the report links them with.</summary>
    public static (string Directory, string Link) FolderFor(string report)
    {
        var name = Path.GetFileNameWithoutExtension(report);
        return (Path.Combine(Path.GetDirectoryName(report)!, name), name);
    }

    /// <summary>Every curve of the run that was measured; returns the files written (names only).</summary>
    public static IReadOnlyList<string> WriteAll(BenchResults r, string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        void Chart(string file, string title, string x, string y, params Series[] series)
        {
            if (series.Length > 0 && series.All(s => s.Xs.Length > 0))
            {
                Line(Path.Combine(directory, file), title, x, y, series);
                written.Add(file);
            }
        }

        if (r.PageCurve is { } page)
        {
            var xs = page.Select(p => (double)p.Conversations).ToArray();
            Chart("page-by-list-size.png", "Page of 100 by list size", "conversations held", "ms",
                new Series("p50", xs, page.Select(p => p.P50).ToArray()), new Series("p99", xs, page.Select(p => p.P99).ToArray()));
        }

        if (r.Memory?.Curve is { Count: > 0 } memory)
        {
            Chart("heap-by-active-entities.png", "Heap per active entity (100 conversations each)", "active entities", "bytes per entity",
                new Series("bytes per entity", memory.Select(p => (double)p.Entities).ToArray(), memory.Select(p => p.BytesPerEntity).ToArray()));
        }

        if (IngestPoints(r) is { Count: > 0 } ingest)
        {
            Chart("ingest-by-users.png", "Durable ingest by users written to (SQLite, 64 clients)", "users", "events/s",
                new Series("acknowledged events/s", ingest.Select(p => (double)p.Users).ToArray(), ingest.Select(p => p.Figure.RequestsPerSecond).ToArray()));
        }

        if (r.Recovery?.Curve is { Count: > 0 } recovery)
        {
            var xs = recovery.Select(p => (double)p.Events).ToArray();
            Chart("recovery-by-events.png", "Recovery by journal length", "events", "ms",
                new Series("no snapshot", xs, recovery.Select(p => p.NoSnapshotMs).ToArray()),
                new Series("snapshot at the last event", xs, recovery.Select(p => p.SnapshotMs).ToArray()));
        }

        return written;
    }

    /// <summary>Ingest by users: the curve's own runs plus the hot (10 users) and spread shapes of the configured SQLite store.</summary>
    public static IReadOnlyList<(int Users, Scenarios.Figure Figure)> IngestPoints(BenchResults r)
    {
        var points = r.IngestCurve.Where(kv => kv.Value is not null).Select(kv => (kv.Key, kv.Value!)).ToList();
        if (r.Ingest.GetValueOrDefault("sqlite-hot") is { } hot)
        {
            points.Add((Scenarios.HttpScenarios.HotUsers, hot));
        }

        if (r.Ingest.GetValueOrDefault("sqlite") is { } spread && r.Sizes is { } sizes)
        {
            points.Add((sizes.IngestUsers, spread));
        }

        return points.OrderBy(p => p.Item1).ToArray();
    }

    private static void Line(string path, string title, string xLabel, string yLabel, IReadOnlyList<Series> series)
    {
        var plot = new Plot();
        var ticks = new SortedSet<double>();
        var top = 0.0;
        foreach (var s in series)
        {
            var scatter = plot.Add.Scatter(s.Xs.Select(Math.Log10).ToArray(), s.Ys);
            scatter.LegendText = s.Name;
            scatter.MarkerSize = 7;
            ticks.UnionWith(s.Xs);
            top = Math.Max(top, s.Ys.Where(double.IsFinite).DefaultIfEmpty(0).Max());
        }

        plot.Axes.Bottom.SetTicks(ticks.Select(Math.Log10).ToArray(), ticks.Select(t => t.ToString("N0", CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.SetLimitsY(0, top <= 0 ? 1 : top * 1.15);
        plot.Title(title);
        plot.XLabel(xLabel + " (log scale)");
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 720, 420);
    }
}
