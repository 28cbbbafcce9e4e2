using System.Threading.Channels;
using ConversationActors.Actors.Configuration;
using ConversationActors.Actors.Journal;
using ConversationActors.Actors.Protocol;
using ConversationActors.Actors.Services;
using ConversationActors.Domain.Changes;
using ConversationActors.Domain.Errors;
using ConversationActors.Gateway.Http;

namespace ConversationActors.Gateway.Changes;

/// <summary>What every stream of this node shares.</summary>
public sealed record ChangeFeedDependencies(
    JournalReader Journal,
    StateReplay Replay,
    IConversationService Entities,
    SseFrames Frames,
    ChangeFeedSettings Settings,
    ChangeFeedMetrics Metrics,
    NodeSettings Node,
    TimeProvider Time,
    ILogger<ChangeStream> Log);

/// <summary>
/// Opens a user's change stream: registers it with the user's entity (issue 27: through the shard region, answered with
/// where to start, atomically with the registration, so nothing written from then on is missed). Without a resume point
/// the stream starts at the journal's end and its first item is the current total, so the client holds a Last-Event-ID
/// from the start. A resume point within the entity's recent history is served from it; an older one is caught up from
/// the journal, starting at the latest snapshot at or before it.
/// </summary>
public sealed class ChangeFeedService(ChangeFeedDependencies deps, ILogger<ChangeFeedService> log)
{
    public ChangeFeedMetrics Metrics => deps.Metrics;

    /// <param name="after">Deliver the changes of events strictly after this seq; null: from now on.</param>
    public async Task<ChangeStream> OpenAsync(string userID, long? after, CancellationToken ct)
    {
        var live = Channel.CreateBounded<EventChanges>(new BoundedChannelOptions(deps.Settings.BufferSize)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var subscribed = await deps.Entities.SubscribeChangesAsync(userID, after, ChangeStream.PageEvents, live, deps.Metrics.LiveNoticeDropped, ct);
        if (!subscribed.IsOk)
        {
            throw new RequestRefusedException(subscribed.Error);
        }

        var subscription = subscribed.Value;
        var opened = false;
        try
        {
            var stream = await StartAsync(userID, after, subscription, ct);
            opened = true;
            return stream;
        }
        catch (Exception e) when (e is not RequestRefusedException and not OperationCanceledException)
        {
            throw Unavailable(e);
        }
        finally
        {
            if (!opened)
            {
                await subscription.DisposeAsync();
            }
        }
    }

    private RequestRefusedException Unavailable(Exception e)
    {
        log.LogWarning(e, "Opening a change stream failed");
        return new RequestRefusedException(new Refusal(ErrorCode.StoreUnavailable, "the journal could not be read; retry"));
    }

    private async Task<ChangeStream> StartAsync(string userID, long? after, ChangeSubscription subscription, CancellationToken ct)
    {
        var answer = subscription.First;
        if (after is not { } resume)
        {
            // From now on: the current total, judged now by the entity, carries the resume point.
            var total = answer.TotalUnreadCount ?? 0;
            var first = await deps.Frames.RenderAsync([ChangeItem.Total(answer.LastSequenceNr, total)], ct);
            return new ChangeStream(userID, answer.LastSequenceNr, total, null, [], first, subscription, deps);
        }

        if (resume > answer.LastSequenceNr)
        {
            throw RequestRefusedException.Invalid($"the resume point {resume} (Last-Event-ID or fromSeq - 1) is beyond the end of the journal (its last event is {answer.LastSequenceNr})");
        }

        if (answer is { Changes: { } recent, TotalUnreadCount: { } totalThen })
        {
            deps.Metrics.HistoryCatchUp();
            return new ChangeStream(userID, resume, totalThen, null, recent, null, subscription, deps);
        }

        // Older than the entity's history: fold the journal from the latest snapshot at or before the resume point.
        deps.Metrics.JournalCatchUp();
        ReplayedState replayed;
        try
        {
            replayed = await deps.Replay.AfterSeqAsync(userID, resume, ct);
        }
        catch (BeforeHorizonException before)
        {
            throw HorizonRefusal.For("Last-Event-ID (or fromSeq - 1)", before);
        }

        var feed = ChangeFeed.Start(replayed.State, replayed.Seq, replayed.At, deps.Node.Fold.RetentionMs);
        return new ChangeStream(userID, feed.Seq, feed.TotalUnread, feed, [], null, subscription, deps);
    }
}
