using System.Threading.Channels;
using Akka.Actor;
using ConversationActors.Actors.Protocol;
using ConversationActors.Actors.Telemetry;
using ConversationActors.Domain.Errors;

namespace ConversationActors.Actors.Services;

/// <summary>
/// One change stream's registration with its user's entity (issue 27), on the stream's node. It registers through the
/// shard region (<see cref="GetChanges"/> with <see cref="GetChanges.Subscribe"/>) and hands the first answer to the
/// stream; from then on the entity sends it each event's <see cref="EventChanges"/>, which go into a bounded channel
/// (when it is full one is dropped: the stream sees a gap in seqs and asks the entity). It watches the entity: when the
/// entity stops (passivated, moved to another node by a rebalance, or its node left) it registers again, asking for the
/// changes after the last seq it received; when the new incarnation no longer has them it tells the stream
/// (<see cref="EventChanges.Missed"/>), which reads them from the journal. A registration not answered within the ask
/// timeout is asked again. Stopping it ends the registration (the entity watches it).
/// </summary>
public sealed class ChangeSubscriber : UntypedActor, IWithTimers
{
    private readonly string _userID;
    private readonly int _max;
    private readonly IActorRef _region;
    private readonly ChannelWriter<EventChanges> _live;
    private readonly TaskCompletionSource<ServiceResult<ChangesAnswer>> _first;
    private readonly TimeSpan _askTimeout;
    private readonly Action _dropped;
    private long? _seq;
    private IActorRef? _entity;
    private bool _started;

    /// <param name="after">The stream's resume point (null: from now on).</param>
    public ChangeSubscriber(
        string userID, long? after, int max, IActorRef region, ChannelWriter<EventChanges> live, TaskCompletionSource<ServiceResult<ChangesAnswer>> first, TimeSpan askTimeout, Action dropped)
    {
        _userID = userID;
        _seq = after;
        _max = max;
        _region = region;
        _live = live;
        _first = first;
        _askTimeout = askTimeout;
        _dropped = dropped;
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(
        string userID, long? after, int max, IActorRef region, ChannelWriter<EventChanges> live, TaskCompletionSource<ServiceResult<ChangesAnswer>> first, TimeSpan askTimeout, Action dropped) =>
        Akka.Actor.Props.Create(() => new ChangeSubscriber(userID, after, max, region, live, first, askTimeout, dropped));

    protected override void PreStart() => Register();

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case EventChanges changes when Equals(Sender, _entity):
                ServiceMetrics.ChangesReceived();
                Forward(changes);
                break;
            case ChangesAnswer answer:
                Registered(answer);
                break;
            case CommandRefused refused when !_started:
                _first.TrySetResult(new Refusal(refused.Code, refused.Desc));
                Context.Stop(Self);
                break;
            case CommandRefused:
                break; // the entity is backing off or its store is down: the timer asks again
            case Terminated gone when Equals(gone.ActorRef, _entity):
                _entity = null;
                Register();
                break;
            case RegisterAgain when _entity is null:
                if (!_started)
                {
                    _first.TrySetResult(new Refusal(ErrorCode.Timeout, $"the user's entity did not answer the change feed's registration within ask-timeout ({_askTimeout.TotalSeconds:0.###} s); retry"));
                    Context.Stop(Self);
                    return;
                }

                Register();
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    protected override void PostStop()
    {
        _first.TrySetResult(new Refusal(ErrorCode.StoreUnavailable, "the change feed stopped before the user's entity answered; retry"));

        // The ActorSystem is stopping (or the stream ended): the stream sees the channel complete and closes.
        _live.TryComplete();
    }

    private void Register()
    {
        _region.Tell(new GetChanges(_userID, _seq, _max, Subscribe: true));
        Timers.StartSingleTimer(nameof(RegisterAgain), RegisterAgain.Instance, _askTimeout);
    }

    private void Registered(ChangesAnswer answer)
    {
        Timers.Cancel(nameof(RegisterAgain));
        if (_entity is not null)
        {
            return; // a late answer to a registration asked again
        }

        _entity = Sender;
        Context.Watch(_entity);
        if (!_started)
        {
            // The stream takes the first answer as its start; the entity sends what follows LastSequenceNr.
            _started = true;
            _seq = answer.LastSequenceNr;
            _first.TrySetResult(answer);
            return;
        }

        foreach (var change in answer.Changes ?? [])
        {
            Forward(change);
        }

        // Events up to LastSequenceNr the answer did not carry (not in the new incarnation's history, or beyond one
        // answer's page) are not sent live either: the stream reads them.
        if (answer.LastSequenceNr > (_seq ?? 0))
        {
            Forward(EventChanges.Missed(_userID, answer.LastSequenceNr));
        }
    }

    private void Forward(EventChanges changes)
    {
        _seq = Math.Max(_seq ?? 0, changes.SequenceNr);
        if (!_live.TryWrite(changes))
        {
            _dropped();
        }
    }

    /// <summary>A registration was not answered within the ask timeout.</summary>
    private sealed class RegisterAgain
    {
        public static readonly RegisterAgain Instance = new();
    }
}
