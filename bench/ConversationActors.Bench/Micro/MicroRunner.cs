using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ConversationActors.Bench.Micro;

/// <summary>Runs <see cref="FoldBenchmarks"/> in process (no generated project to build): ShortRun, or Dry for --smoke.</summary>
public static class MicroRunner
{
    public sealed record Row(string Name, double MeanNs, double ErrorNs, long AllocatedBytes);

    public static IReadOnlyList<Row> Run(string artifacts, bool smoke)
    {
        var job = (smoke ? Job.Dry : Job.ShortRun).WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.DisableOptimizationsValidator | ConfigOptions.JoinSummary);
        var summary = BenchmarkRunner.Run<FoldBenchmarks>(config);
        return summary.Reports
            .Where(r => r.ResultStatistics is not null)
            .Select(r => new Row(
                r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\''),
                r.ResultStatistics!.Mean,
                r.ResultStatistics.StandardError,
                r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase) ?? 0))
            .ToArray();
    }
}
