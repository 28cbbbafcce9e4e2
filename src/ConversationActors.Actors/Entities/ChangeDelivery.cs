using Akka.Actor;
using ConversationActors.Actors.Protocol;
using ConversationActors.Actors.Telemetry;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.State;

namespace ConversationActors.Actors.Entities;

/// <summary>
/// The change feed's side of a conversation-set entity (issue 27): the streams registered with it
/// (<see cref="GetChanges.Subscribe"/>), and the <see cref="ChangeHistory"/> a stream resumes from. Each durable event's
/// items are computed once and sent straight to each registered stream, wherever it runs: nothing is computed or sent
/// for a user nobody listens to, and nothing reaches a node without a stream of that user. Recording starts with the
/// first registration and goes on while a stream is registered and for <see cref="ReconnectGrace"/> after the last one
/// left (a client that reconnects after a network change resumes from here); an event after that drops the history,
/// and the next stream starts a new one (docs/decisions.md "Change items only for listeners").
/// </summary>
public sealed class ChangeDelivery(int historySize)
{
    /// <summary>How long the history goes on after the last stream left (ms).</summary>
    public const long ReconnectGrace = 60_000;

    private readonly List<IActorRef> _listeners = [];
    private ChangeHistory? _history;
    private long _lastLeftAt;

    /// <summary>
    /// Registers the sender of <paramref name="ask"/> in <paramref name="entity"/>'s context (the entity watches it) and
    /// answers it about <paramref name="state"/> after event <paramref name="lastSeq"/>, judged at <paramref name="now"/>.
    /// </summary>
    public ChangesAnswer Register(IActorContext entity, GetChanges ask, ConversationSet state, long lastSeq, long now, long retentionMs)
    {
        var listener = entity.Sender;
        if (!_listeners.Contains(listener))
        {
            _listeners.Add(listener);
            entity.Watch(listener);
        }

        if (_history is null)
        {
            _history = new ChangeHistory(historySize);
            _history.Start(state, lastSeq, now, retentionMs);
        }

        return Answer(this, ask, state, lastSeq, now, retentionMs);
    }

    /// <summary>A registered stream stopped (or its node left): true when it was one.</summary>
    public bool Unregister(IActorRef listener, long now)
    {
        if (!_listeners.Remove(listener))
        {
            return false;
        }

        if (_listeners.Count == 0)
        {
            _lastLeftAt = now;
        }

        return true;
    }

    /// <summary>
    /// The answer to <paramref name="ask"/> without registering: the total judged now for a fresh stream; otherwise the
    /// history's of <paramref name="delivery"/>, or none (null changes: the stream reads the journal) when nothing is
    /// recorded.
    /// </summary>
    public static ChangesAnswer Answer(ChangeDelivery? delivery, GetChanges ask, ConversationSet state, long lastSeq, long now, long retentionMs) => ask.After switch
    {
        null => new ChangesAnswer(lastSeq, ListQueries.TotalUnread(state, now, retentionMs), []),
        { } after when delivery?._history is { } history => history.Since(after, ask.Max, lastSeq),
        { } after when after == lastSeq => new ChangesAnswer(lastSeq, null, []),
        _ => new ChangesAnswer(lastSeq, null, null),
    };

    /// <summary>
    /// Event <paramref name="seq"/>, <paramref name="e"/>, turned <paramref name="before"/> into <paramref name="after"/>
    /// and is durable: its items go to every registered stream (sent as <paramref name="self"/>). Null when there is
    /// nothing to record any more (no stream, and the last one left longer than <see cref="ReconnectGrace"/> ago): the
    /// entity drops this object.
    /// </summary>
    public ChangeDelivery? Persisted(ConversationSet before, ConversationSet after, IConversationEvent e, long seq, long retentionMs, IActorRef self)
    {
        if (_history is null || (_listeners.Count == 0 && e.At - _lastLeftAt > ReconnectGrace))
        {
            return _listeners.Count == 0 ? null : this;
        }

        var changes = _history.Record(before, after, e, seq, retentionMs);
        foreach (var listener in _listeners)
        {
            listener.Tell(changes, self);
        }

        ServiceMetrics.ChangesSent(_listeners.Count);
        return this;
    }
}
