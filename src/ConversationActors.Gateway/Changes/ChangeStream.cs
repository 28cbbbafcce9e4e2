using System.Text;
using System.Threading.Channels;
using Akka.Actor;
using ConversationActors.Actors.Journal;
using ConversationActors.Actors.Protocol;
using ConversationActors.Domain.Changes;
using ConversationActors.Domain.Replay;

namespace ConversationActors.Gateway.Changes;

/// <summary>
/// One client's change feed, from its resume point on: catch-up from the journal (waiting for the client),
/// then live notices joined at the seam by seq — a notice at or below the last delivered seq is dropped,
/// one beyond the next is preceded by the missing events read from the journal. Frames wait in a bounded
/// queue for the client; a client too slow for the live rate overflows it and its stream is closed (it
/// resumes with Last-Event-ID). Every keep-alive also re-reads the journal's tail, so a lost notice
/// shows by then.
/// </summary>
public sealed class ChangeStream : IAsyncDisposable
{
    private const int PageSize = 500;
    private readonly string _userID;
    private readonly JournalReader _journal;
    private readonly SseFrames _frames;
    private readonly ChangeFeedSettings _settings;
    private readonly ChangeFeedMetrics _metrics;
    private readonly ILogger _log;
    private readonly Channel<ChangeNotice> _live;
    private readonly IActorRef _subscriber;
    private readonly ActorSystem _system;
    private readonly Channel<string> _outgoing;
    private readonly List<JournalEvent> _pending;
    private readonly string? _firstFrame;
    private ChangeFeed _feed;
    private long _nextRead;

    internal ChangeStream(
        string userID,
        ChangeFeed feed,
        List<JournalEvent> pending,
        long nextRead,
        string? firstFrame,
        Channel<ChangeNotice> live,
        IActorRef subscriber,
        ChangeFeedDependencies deps)
    {
        _userID = userID;
        _feed = feed;
        _pending = pending;
        _nextRead = nextRead;
        _firstFrame = firstFrame;
        _live = live;
        _subscriber = subscriber;
        _journal = deps.Journal;
        _frames = deps.Frames;
        _settings = deps.Settings;
        _metrics = deps.Metrics;
        _log = deps.Log;
        _system = deps.System;
        _outgoing = Channel.CreateBounded<string>(new BoundedChannelOptions(_settings.BufferSize)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The seq the feed has delivered up to (its resume point).</summary>
    public long Seq => _feed.Seq;

    /// <summary>Streams to <paramref name="response"/> until the client goes, the server stops, or the client falls behind.</summary>
    public async Task RunAsync(HttpContext context, CancellationToken stopping)
    {
        var response = context.Response;
        using var pumpStop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        using var writerStop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var overflowed = false;
        _metrics.StreamOpened();
        var writer = WriteLoopAsync(response, writerStop.Token);

        // A write that fails (the client is gone) stops the pump too, even if it waits for queue space.
        _ = writer.ContinueWith(
            _ =>
            {
                try
                {
                    pumpStop.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The stream already ended.
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default);
        try
        {
            await _outgoing.Writer.WriteAsync(_firstFrame ?? ": connected\n\n", pumpStop.Token);
            _metrics.Queued(_outgoing.Reader.Count);
            overflowed = !await PumpAsync(pumpStop.Token);
        }
        catch (OperationCanceledException) when (pumpStop.IsCancellationRequested)
        {
            // The client left or the server is stopping.
        }
        catch (Exception e)
        {
            // The journal could not be read, or a notice could not be decoded: end the stream; the
            // client resumes from its Last-Event-ID and the journal has everything.
            _log.LogWarning(e, "Change stream of {UserID} ended after seq {Seq}", _userID, _feed.Seq);
        }
        finally
        {
            _outgoing.Writer.TryComplete();
            if (overflowed)
            {
                // The client does not read: drop what is queued for it and the connection with it.
                _metrics.Overflowed();
                writerStop.Cancel();
                context.Abort();
            }

            try
            {
                await writer;
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // The connection is gone; nothing more to write.
            }

            _metrics.Dequeued(_outgoing.Reader.Count);
            _metrics.StreamClosed();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _subscriber.GracefulStop(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        _live.Writer.TryComplete();
    }

    /// <summary>Feeds the queue. False when the client fell behind the live rate (the queue was full).</summary>
    /// <summary>Longer than a few pub-sub gossip intervals (akka.cluster.pub-sub.gossip-interval, 1 s).</summary>
    private static readonly TimeSpan SettleAfter = TimeSpan.FromSeconds(3);

    private async Task<bool> PumpAsync(CancellationToken ct)
    {
        // Catch-up: the events after the resume point, from the journal, at the client's pace.
        foreach (var e in _pending)
        {
            await StepAsync(e, live: false, ct);
        }

        _pending.Clear();
        await ReadJournalAsync(long.MaxValue, live: false, ct);

        using var ticks = new PeriodicTimer(_settings.KeepAlive);
        Task<bool>? tick = null;
        Task<bool>? notice = null;

        // A new subscription reaches other nodes' pub-sub mediators by gossip (about a second); a write
        // published there before that goes nowhere. One journal re-read after that window closes it.
        var settle = Task.Delay(SettleAfter, ct);
        while (!ct.IsCancellationRequested)
        {
            while (_live.Reader.TryRead(out var next))
            {
                if (!await OnNoticeAsync(next, ct))
                {
                    return false;
                }
            }

            tick ??= ticks.WaitForNextTickAsync(ct).AsTask();
            notice ??= _live.Reader.WaitToReadAsync(ct).AsTask();
            var done = settle is null ? await Task.WhenAny(tick, notice) : await Task.WhenAny(tick, notice, settle);
            if (done == settle)
            {
                settle = null;
                if (!await ReadJournalAsync(long.MaxValue, live: true, ct))
                {
                    return false;
                }

                continue;
            }

            if (done == notice)
            {
                notice = null;
                if (!await (Task<bool>)done)
                {
                    return true; // the subscription ended: the node is shutting down
                }

                continue;
            }

            tick = null;
            await done;

            // Quiet for a while: pick up anything whose live notice was lost, and tell proxies we are here.
            if (!await ReadJournalAsync(long.MaxValue, live: true, ct) || !Enqueue(SseFrames.KeepAlive))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<bool> OnNoticeAsync(ChangeNotice notice, CancellationToken ct)
    {
        if (notice.SequenceNr <= _feed.Seq)
        {
            return true; // already delivered (from the journal, during catch-up or a gap read)
        }

        if (notice.SequenceNr == _feed.Seq + 1)
        {
            return await StepAsync(new JournalEvent(notice.SequenceNr, notice.ToEvent()), live: true, ct);
        }

        // A gap: notices were lost or dropped. The journal has every event up to this one.
        _metrics.GapRead();
        return await ReadJournalAsync(notice.SequenceNr, live: true, ct);
    }

    /// <summary>Steps through the journal from the feed's position up to <paramref name="toSeq"/> (or its end).</summary>
    private async Task<bool> ReadJournalAsync(long toSeq, bool live, CancellationToken ct)
    {
        while (_feed.Seq < toSeq)
        {
            var from = Math.Max(_feed.Seq + 1, _nextRead);
            var page = await _journal.ReadAsync(_userID, from, Math.Min(toSeq, from + PageSize - 1), ct);
            if (page.Count == 0)
            {
                return true;
            }

            foreach (var e in page)
            {
                if (e.Seq > _feed.Seq && !await StepAsync(e, live, ct))
                {
                    return false;
                }
            }

            _nextRead = page[^1].Seq + 1;
        }

        return true;
    }

    private async Task<bool> StepAsync(JournalEvent e, bool live, CancellationToken ct)
    {
        var (next, items) = _feed.Step(e);
        _feed = next;
        _nextRead = Math.Max(_nextRead, e.Seq + 1);
        if (await _frames.RenderAsync(items, ct) is not { } frame)
        {
            return true;
        }

        if (live)
        {
            return Enqueue(frame);
        }

        await _outgoing.Writer.WriteAsync(frame, ct);
        _metrics.Queued(_outgoing.Reader.Count);
        return true;
    }

    private bool Enqueue(string frame)
    {
        if (!_outgoing.Writer.TryWrite(frame))
        {
            return false;
        }

        _metrics.Queued(_outgoing.Reader.Count);
        return true;
    }

    private async Task WriteLoopAsync(HttpResponse response, CancellationToken ct)
    {
        await foreach (var frame in _outgoing.Reader.ReadAllAsync(ct))
        {
            _metrics.Dequeued();
            await response.Body.WriteAsync(Encoding.UTF8.GetBytes(frame), ct);
            if (_outgoing.Reader.Count == 0)
            {
                await response.Body.FlushAsync(ct);
            }
        }

        await response.Body.FlushAsync(ct);
    }
}
