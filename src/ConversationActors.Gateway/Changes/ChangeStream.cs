using System.Text;
using System.Threading.Channels;
using ConversationActors.Actors.Journal;
using ConversationActors.Actors.Protocol;
using ConversationActors.Actors.Services;
using ConversationActors.Domain.Changes;

namespace ConversationActors.Gateway.Changes;

/// <summary>
/// One client's change feed, from its resume point on (issue 15): the change items come from the user's entity, which
/// computes them once per event — live to this stream's registration (<see cref="ChangeSubscription"/>, issue 27), and
/// after a gap (or at the start) from the entity's recent history. Only a resume older than that history folds the journal (from a snapshot), and the stream drops
/// that state once it has caught up with the journal's end: a live stream holds two numbers, its seq and the total it
/// last sent. At the seam a notice at or below the last delivered seq is dropped, one beyond the next triggers a catch-up.
/// Frames wait in a bounded queue for the client; a client too slow for the live rate overflows it and its stream is
/// closed (it resumes with Last-Event-ID). Every keep-alive also asks the entity what follows, so a lost message shows by then.
/// </summary>
public sealed class ChangeStream : IAsyncDisposable
{
    /// <summary>Most events' changes asked of the entity at once (keeps each answer well below a remoting frame).</summary>
    public const int PageEvents = 32;
    private const int PageSize = 500;
    private readonly string _userID;
    private readonly ChangeFeedDependencies _deps;
    private readonly JournalReader _journal;
    private readonly SseFrames _frames;
    private readonly ChangeFeedSettings _settings;
    private readonly ChangeFeedMetrics _metrics;
    private readonly ILogger _log;
    private readonly ChangeSubscription _subscription;
    private readonly Channel<string> _outgoing;
    private readonly List<EventChanges> _pending;
    private readonly string? _firstFrame;
    private long _seq;
    private long _total;
    private ChangeFeed? _catchUp;

    internal ChangeStream(
        string userID,
        long seq,
        long total,
        ChangeFeed? catchUp,
        IReadOnlyList<EventChanges> pending,
        string? firstFrame,
        ChangeSubscription subscription,
        ChangeFeedDependencies deps)
    {
        _userID = userID;
        _seq = seq;
        _total = total;
        _catchUp = catchUp;
        _pending = [.. pending];
        _firstFrame = firstFrame;
        _subscription = subscription;
        _deps = deps;
        _journal = deps.Journal;
        _frames = deps.Frames;
        _settings = deps.Settings;
        _metrics = deps.Metrics;
        _log = deps.Log;
        _outgoing = Channel.CreateBounded<string>(new BoundedChannelOptions(_settings.BufferSize)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The seq the feed has delivered up to (its resume point).</summary>
    public long Seq => _seq;

    /// <summary>Whether the stream holds a folded state (only while it catches up from the journal).</summary>
    public bool HoldsState => _catchUp is not null;

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
            _log.LogWarning(e, "Change stream of {UserID} ended after seq {Seq}", _userID, _seq);
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

    public ValueTask DisposeAsync() => _subscription.DisposeAsync();

    /// <summary>Feeds the queue. False when the client fell behind the live rate (the queue was full).</summary>
    private async Task<bool> PumpAsync(CancellationToken ct)
    {
        // Catch-up: the changes after the resume point, at the client's pace.
        foreach (var changes in _pending)
        {
            await EmitAsync(changes, live: false, ct);
        }

        _pending.Clear();
        await CatchUpAsync(live: false, ct);

        using var ticks = new PeriodicTimer(_settings.KeepAlive);
        Task<bool>? tick = null;
        Task<bool>? notice = null;
        var live = _subscription.Live;
        while (!ct.IsCancellationRequested)
        {
            while (live.TryRead(out var next))
            {
                if (!await OnNoticeAsync(next, ct))
                {
                    return false;
                }
            }

            tick ??= ticks.WaitForNextTickAsync(ct).AsTask();
            notice ??= live.WaitToReadAsync(ct).AsTask();
            var done = await Task.WhenAny(tick, notice);
            if (done == notice)
            {
                notice = null;
                if (!await (Task<bool>)done)
                {
                    return true; // the registration ended: the node is shutting down
                }

                continue;
            }

            tick = null;
            await done;

            // Quiet for a while: pick up anything whose live notice was lost, and tell proxies we are here.
            if (!await TailAsync(ct) || !Enqueue(SseFrames.KeepAlive))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<bool> OnNoticeAsync(EventChanges notice, CancellationToken ct)
    {
        if (notice.SequenceNr <= _seq)
        {
            return true; // already delivered (during catch-up or a gap read)
        }

        if (notice.SequenceNr == _seq + 1 && _catchUp is null && !notice.Oversized)
        {
            return await EmitAsync(notice, live: true, ct);
        }

        // A gap (notices were lost or dropped) or an event too large to send: the entity's history or the journal has it.
        if (!notice.Oversized)
        {
            _metrics.GapRead();
        }

        return await CatchUpAsync(live: true, ct);
    }

    /// <summary>
    /// A quiet moment: asks the entity for anything after the feed's position (a change message lost on the way), from its
    /// history. The ask also keeps the entity of a user with an open stream from passivating (issue 27: it would stop,
    /// and the stream would register again with a freshly recovered one).
    /// </summary>
    private Task<bool> TailAsync(CancellationToken ct) => _catchUp is not null ? Task.FromResult(true) : CatchUpAsync(live: true, ct);

    /// <summary>
    /// Delivers everything after the feed's position: from the entity's history while it reaches back that far, else
    /// by folding the journal (from a snapshot) to its end, after which the folded state is dropped.
    /// </summary>
    private async Task<bool> CatchUpAsync(bool live, CancellationToken ct)
    {
        while (true)
        {
            if (_catchUp is null)
            {
                var asked = await _deps.Entities.GetChangesAsync(_userID, _seq, PageEvents, ct);
                if (!asked.IsOk)
                {
                    throw new InvalidOperationException($"the entity did not answer: {asked.Error.Desc}");
                }

                if (asked.Value.Changes is { } recent)
                {
                    if (recent.Count == 0)
                    {
                        return true;
                    }

                    _metrics.HistoryCatchUp();

                    foreach (var changes in recent)
                    {
                        if (changes.SequenceNr > _seq && !await EmitAsync(changes, live, ct))
                        {
                            return false;
                        }
                    }

                    continue;
                }

                _metrics.JournalCatchUp();
                var replayed = await _deps.Replay.AfterSeqAsync(_userID, _seq, ct);
                _catchUp = new ChangeFeed(replayed.State, replayed.Seq, _total, _deps.Node.Fold.RetentionMs);
            }

            var page = await _journal.ReadAsync(_userID, _catchUp.Seq + 1, _catchUp.Seq + PageSize, ct);
            foreach (var e in page)
            {
                var (next, items) = _catchUp.Step(e);
                _catchUp = next;
                if (!await WriteAsync(e.Seq, next.TotalUnread, items, live, ct))
                {
                    return false;
                }
            }

            if (page.Count < PageSize)
            {
                _catchUp = null; // at the journal's end: the entity's history and live notices go on from here
                return true;
            }
        }
    }

    /// <summary>One event's changes from the entity, with this stream's own total item.</summary>
    private Task<bool> EmitAsync(EventChanges changes, bool live, CancellationToken ct)
    {
        var items = changes.TotalUnreadCount == _total
            ? changes.Items
            : [.. changes.Items, ChangeItem.Total(changes.SequenceNr, changes.TotalUnreadCount)];
        return WriteAsync(changes.SequenceNr, changes.TotalUnreadCount, items, live, ct);
    }

    private async Task<bool> WriteAsync(long seq, long total, IReadOnlyList<ChangeItem> items, bool live, CancellationToken ct)
    {
        _seq = seq;
        _total = total;
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
