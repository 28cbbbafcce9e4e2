using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using ConversationActors.Actors.Protocol;

namespace ConversationActors.Gateway.Changes;

/// <summary>
/// One stream's subscription to its user's change topic (DistributedPubSub, shared with other users: it keeps only its
/// user's changes), wherever the user's entity lives. The entity publishes each event's change items (<see cref="EventChanges"/>); they go into a bounded channel; when it is full a notice is dropped, which the
/// stream notices as a gap in seqs and asks the entity for. Stopping it ends the subscription.
/// </summary>
public sealed class LiveSubscriber : ReceiveActor
{
    private readonly string _topic;
    private readonly ChannelWriter<EventChanges> _live;
    private readonly TaskCompletionSource _subscribed;
    private readonly IActorRef _mediator;

    public LiveSubscriber(string userID, ChannelWriter<EventChanges> live, TaskCompletionSource subscribed, ChangeFeedMetrics metrics)
    {
        _topic = ChangeNotice.TopicFor(userID);
        _live = live;
        _subscribed = subscribed;
        _mediator = DistributedPubSub.Get(Context.System).Mediator;
        Receive<SubscribeAck>(_ => _subscribed.TrySetResult());
        // The topic is shared with other users (ChangeNotice.TopicFor): only this user's changes go on.
        Receive<EventChanges>(notice => notice.UserID != userID, _ => { });
        Receive<EventChanges>(notice =>
        {
            if (!_live.TryWrite(notice))
            {
                metrics.LiveNoticeDropped();
            }
        });
    }

    public static Props Props(string userID, ChannelWriter<EventChanges> live, TaskCompletionSource subscribed, ChangeFeedMetrics metrics) =>
        Akka.Actor.Props.Create(() => new LiveSubscriber(userID, live, subscribed, metrics));

    protected override void PreStart() => _mediator.Tell(new Subscribe(_topic, Self));

    protected override void PostStop()
    {
        _mediator.Tell(new Unsubscribe(_topic, Self));
        _subscribed.TrySetCanceled();

        // The ActorSystem is stopping (or the stream ended): the stream sees the channel complete and closes.
        _live.TryComplete();
    }
}
