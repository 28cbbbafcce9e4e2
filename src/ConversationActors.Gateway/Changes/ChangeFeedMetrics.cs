using System.Diagnostics.Metrics;

namespace ConversationActors.Gateway.Changes;

/// <summary>
/// What the change feed holds and drops on this node, for operators (meter <c>ConversationActors.Changes</c>)
/// and for the tests that prove a stalled client cannot grow the server's memory.
/// </summary>
public sealed class ChangeFeedMetrics : IDisposable
{
    public const string MeterName = "ConversationActors.Changes";
    private readonly Meter _meter = new(MeterName);
    private long _openStreams;
    private long _bufferedChanges;
    private long _maxBufferedPerStream;
    private long _overflowClosures;
    private long _liveNoticesDropped;
    private long _gapReads;
    private long _historyCatchUps;
    private long _journalCatchUps;

    public ChangeFeedMetrics()
    {
        _meter.CreateObservableGauge("changes.streams.open", () => OpenStreams, description: "change-feed streams connected to this node");
        _meter.CreateObservableGauge("changes.buffered", () => BufferedChanges, description: "changes queued for clients, all streams");
        _meter.CreateObservableCounter("changes.overflow.closures", () => OverflowClosures, description: "streams closed because their client did not keep up");
        _meter.CreateObservableCounter("changes.live.dropped", () => LiveNoticesDropped, description: "live notices dropped while a stream was busy (read back from the journal)");
        _meter.CreateObservableCounter("changes.gap.reads", () => GapReads, description: "catch-ups that filled a gap in live notices");
        _meter.CreateObservableCounter("changes.catchup.history", () => HistoryCatchUps, description: "catch-ups served from the entity's recent history");
        _meter.CreateObservableCounter("changes.catchup.journal", () => JournalCatchUps, description: "catch-ups older than the entity's history, folded from the journal (from a snapshot)");
    }

    public long OpenStreams => Interlocked.Read(ref _openStreams);

    /// <summary>Changes queued (rendered, not yet written to a client) over every stream of this node.</summary>
    public long BufferedChanges => Interlocked.Read(ref _bufferedChanges);

    /// <summary>The most changes ever queued for one stream: never more than <c>changes.buffer-size</c>.</summary>
    public long MaxBufferedPerStream => Interlocked.Read(ref _maxBufferedPerStream);

    public long OverflowClosures => Interlocked.Read(ref _overflowClosures);

    public long LiveNoticesDropped => Interlocked.Read(ref _liveNoticesDropped);

    public long GapReads => Interlocked.Read(ref _gapReads);

    /// <summary>Catch-ups (a resume or a gap) the entity answered from its recent history.</summary>
    public long HistoryCatchUps => Interlocked.Read(ref _historyCatchUps);

    /// <summary>Catch-ups older than the entity's history: the journal was folded from the latest snapshot before them.</summary>
    public long JournalCatchUps => Interlocked.Read(ref _journalCatchUps);

    public void HistoryCatchUp() => Interlocked.Increment(ref _historyCatchUps);

    public void JournalCatchUp() => Interlocked.Increment(ref _journalCatchUps);

    public void StreamOpened() => Interlocked.Increment(ref _openStreams);

    public void StreamClosed() => Interlocked.Decrement(ref _openStreams);

    public void Queued(int queuedForStream)
    {
        Interlocked.Increment(ref _bufferedChanges);
        long seen;
        while (queuedForStream > (seen = Interlocked.Read(ref _maxBufferedPerStream)) &&
               Interlocked.CompareExchange(ref _maxBufferedPerStream, queuedForStream, seen) != seen)
        {
        }
    }

    public void Dequeued(int count = 1) => Interlocked.Add(ref _bufferedChanges, -count);

    public void Overflowed() => Interlocked.Increment(ref _overflowClosures);

    public void LiveNoticeDropped() => Interlocked.Increment(ref _liveNoticesDropped);

    public void GapRead() => Interlocked.Increment(ref _gapReads);

    public void Dispose() => _meter.Dispose();
}
