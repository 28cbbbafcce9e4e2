using System.Threading.Channels;
using Akka.Actor;
using ConversationActors.Actors.Configuration;
using ConversationActors.Actors.Journal;
using ConversationActors.Actors.Protocol;
using ConversationActors.Domain.Changes;
using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Replay;
using ConversationActors.Domain.State;
using ConversationActors.Gateway.Http;

namespace ConversationActors.Gateway.Changes;

/// <summary>What every stream of this node shares.</summary>
public sealed record ChangeFeedDependencies(
    ActorSystem System,
    JournalReader Journal,
    SseFrames Frames,
    ChangeFeedSettings Settings,
    ChangeFeedMetrics Metrics,
    NodeSettings Node,
    TimeProvider Time,
    ILogger<ChangeStream> Log);

/// <summary>
/// Opens a user's change stream: subscribes to the live topic first (so nothing published from now on
/// is missed), then folds the journal up to the resume point with the entity's own fold. Without a
/// resume point the stream starts at the journal's end and its first item is the current total, so the
/// client holds a Last-Event-ID from the start.
/// </summary>
public sealed class ChangeFeedService(ChangeFeedDependencies deps, ILogger<ChangeFeedService> log)
{
    private const int PageSize = 500;

    public ChangeFeedMetrics Metrics => deps.Metrics;

    /// <param name="after">Deliver the changes of events strictly after this seq; null: from now on.</param>
    public async Task<ChangeStream> OpenAsync(string userID, long? after, CancellationToken ct)
    {
        var live = Channel.CreateBounded<ChangeNotice>(new BoundedChannelOptions(deps.Settings.BufferSize)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriber = deps.System.ActorOf(LiveSubscriber.Props(userID, live.Writer, subscribed, deps.Metrics));
        var opened = false;
        try
        {
            await subscribed.Task.WaitAsync(deps.Node.AskTimeout, ct);
            var stream = await FoldAsync(userID, after, live, subscriber, ct);
            opened = true;
            return stream;
        }
        catch (TimeoutException)
        {
            throw new RequestRefusedException(new Refusal(ErrorCode.Timeout, "the change feed could not subscribe within ask-timeout; retry"));
        }
        catch (Exception e) when (e is not RequestRefusedException and not OperationCanceledException)
        {
            throw Unavailable(e);
        }
        finally
        {
            if (!opened)
            {
                deps.System.Stop(subscriber);
            }
        }
    }

    private RequestRefusedException Unavailable(Exception e)
    {
        log.LogWarning(e, "Opening a change stream failed");
        return new RequestRefusedException(new Refusal(ErrorCode.StoreUnavailable, "the journal could not be read; retry"));
    }

    private async Task<ChangeStream> FoldAsync(string userID, long? after, Channel<ChangeNotice> live, IActorRef subscriber, CancellationToken ct)
    {
        var fold = deps.Node.Fold;
        var target = after ?? long.MaxValue;
        var state = ConversationSet.Empty(userID, fold.DedupeWindow);
        long seq = 0, moment = 0, next = 1;
        var pending = new List<JournalEvent>();
        while (pending.Count == 0)
        {
            var page = await deps.Journal.ReadAsync(userID, next, next + PageSize - 1, ct);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var e in page)
            {
                if (e.Seq <= target)
                {
                    state = state.Apply(e.Event);
                    (seq, moment) = (e.Seq, e.Event.At);
                }
                else
                {
                    pending.Add(e);
                }
            }

            next = page[^1].Seq + 1;
        }

        if (after is { } resume && seq < resume)
        {
            throw RequestRefusedException.Invalid($"the resume point {resume} (Last-Event-ID or fromSeq - 1) is beyond the end of the journal (its last event is {seq})");
        }

        string? first = null;
        if (after is null)
        {
            // From now on: the current total, judged now, carries the resume point.
            moment = deps.Time.GetUtcNow().ToUnixTimeMilliseconds();
        }

        var feed = ChangeFeed.Start(state, seq, moment, fold.RetentionMs);
        if (after is null)
        {
            first = await deps.Frames.RenderAsync([ChangeItem.Total(seq, feed.TotalUnread)], ct);
        }

        return new ChangeStream(userID, feed, pending, next, first, live, subscriber, deps);
    }
}
