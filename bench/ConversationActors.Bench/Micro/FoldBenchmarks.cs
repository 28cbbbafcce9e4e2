using BenchmarkDotNet.Attributes;
using ConversationActors.Bench.Scenarios;
using ConversationActors.Domain;
using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Fold;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.State;

namespace ConversationActors.Bench.Micro;

/// <summary>The pure fold, without actors or I/O: what an entity spends per write and per page.</summary>
[MemoryDiagnoser]
public class FoldBenchmarks
{
    private readonly ConversationSettings _settings = ConversationSettings.Default;
    private ConversationSet _set = null!;
    private AddMessage[] _messages = null!;
    private long _now;
    private int _next;

    /// <summary>Conversations held by the user the operations run against.</summary>
    [Params(5000)]
    public int Conversations { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _set = FoldData.Messages("micro", Conversations, Conversations, _settings).State;
        _now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // New msgIDs to existing conversations; the state is never replaced, so none is a duplicate.
        _messages = Enumerable.Range(0, 4096).Select(i => FoldData.Message(i * 7 % Conversations, $"new{i}", _now - 10)).ToArray();
    }

    [Benchmark(Description = "Decide+Apply one message (set of 5,000)")]
    public ConversationSet DecideApply()
    {
        var command = _messages[_next++ & 4095];
        var decision = Decider.Decide(_set, command, _now, _settings);
        return _set.Apply(decision.Event!);
    }

    [Benchmark(Description = "Page of 100 from 5,000")]
    public ConversationPage Page100() => ListQueries.Page(_set, PagePosition.Start, 100, _now, _settings.RetentionMs);

    [Benchmark(Description = "Snapshot restore (5,000 conversations)")]
    public ConversationSet Restore() => ConversationSetSnapshot.Of(_set).Restore(_settings.DedupeWindow);
}
