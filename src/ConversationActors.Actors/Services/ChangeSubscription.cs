using System.Threading.Channels;
using Akka.Actor;
using ConversationActors.Actors.Protocol;

namespace ConversationActors.Actors.Services;

/// <summary>
/// A change stream's registration with its user's entity (<see cref="ChangeSubscriber"/>): <see cref="First"/> is the
/// entity's answer at registration (the stream's start); <see cref="Live"/> then yields the changes of every later event,
/// in seq order except where one was dropped or missed (the stream fills such gaps). It completes when the node stops.
/// Disposing it ends the registration.
/// </summary>
public sealed class ChangeSubscription(ChangesAnswer first, ChannelReader<EventChanges> live, IActorRef subscriber) : IAsyncDisposable
{
    public ChangesAnswer First => first;

    public ChannelReader<EventChanges> Live => live;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await subscriber.GracefulStop(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is TaskCanceledException or AskTimeoutException)
        {
            // The node is stopping: the subscriber goes with it.
        }
    }
}
