using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Fold;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.State;

namespace ConversationActors.Domain.Tests.Support;

/// <summary>
/// One user's conversation set as a story: each verb decides a command at server time <see cref="Now"/>,
/// applies the event (if any) and then lets the clock tick one second, so consecutive steps happen at
/// distinct, increasing server times. Messages default to a timestamp of "now".
/// </summary>
internal sealed class Scenario
{
    public const string Owner = "alice";

    /// <summary>2026-01-01T00:00:00Z.</summary>
    public const long Start = 1_767_225_600_000;

    public const long Tick = 1000;

    private readonly List<IConversationEvent> _events = [];

    public Scenario(ConversationSettings? settings = null, string owner = Owner)
    {
        Settings = settings ?? ConversationSettings.Default;
        State = ConversationSet.Empty(owner, Settings.DedupeWindow);
    }

    public ConversationSettings Settings { get; }

    public ConversationSet State { get; private set; }

    public long Now { get; private set; } = Start;

    public IReadOnlyList<IConversationEvent> Events => _events;

    public IConversationEvent LastEvent => _events[^1];

    public Scenario Wait(TimeSpan span)
    {
        Now += (long)span.TotalMilliseconds;
        return this;
    }

    public Scenario WaitMs(long ms)
    {
        Now += ms;
        return this;
    }

    /// <summary>Decides and applies one command; the clock then ticks.</summary>
    public Decision Try(IConversationCommand command)
    {
        var decision = Decider.Decide(State, command, Now, Settings);
        foreach (var evt in decision.Events)
        {
            State = State.Apply(evt);
            _events.Add(evt);
        }

        Now += Tick;
        return decision;
    }

    public TEvent Accepts<TEvent>(IConversationCommand command)
        where TEvent : IConversationEvent
    {
        var decision = Try(command);
        Assert.Null(decision.Refusal);
        return Assert.IsType<TEvent>(decision.Event);
    }

    /// <summary>The command succeeds without recording anything, and the state stays the same object.</summary>
    public void ChangesNothing(IConversationCommand command)
    {
        var before = State;
        var decision = Try(command);
        Assert.Null(decision.Refusal);
        Assert.Null(decision.Event);
        Assert.Same(before, State);
    }

    /// <summary>The command is refused and the state stays the same object.</summary>
    public Refusal Refuses(IConversationCommand command, ErrorCode code)
    {
        var before = State;
        var decision = Try(command);
        var refusal = Assert.IsType<Refusal>(decision.Refusal);
        Assert.Equal(code, refusal.Code);
        Assert.Null(decision.Event);
        Assert.Same(before, State);
        return refusal;
    }

    public Scenario Do(IConversationCommand command)
    {
        var decision = Try(command);
        Assert.Null(decision.Refusal);
        return this;
    }

    public Scenario Receive(string conversationID, string msgID, long? timestamp = null, string from = "bob",
        Func<AddMessage, AddMessage>? with = null)
    {
        var message = Cmd.Message(conversationID, msgID, from, timestamp ?? Now);
        return Do(with is null ? message : with(message));
    }

    public Scenario Send(string conversationID, string msgID, long? timestamp = null) =>
        Receive(conversationID, msgID, timestamp, from: State.OwnerID);

    public Scenario Draft(string conversationID, string? text) => Do(Cmd.Draft(conversationID, text));

    public Scenario Pin(string conversationID) => Do(Cmd.Pin(conversationID));

    public Scenario Unpin(string conversationID) => Do(Cmd.Pin(conversationID, false));

    public Scenario RecvOpt(string conversationID, RecvOpt recvOpt) => Do(Cmd.RecvOpt(conversationID, recvOpt));

    public Scenario Read(string conversationID, long? upToTimestamp = null) => Do(Cmd.Read(conversationID, upToTimestamp));

    public Scenario ClearHistory(string conversationID) => Do(Cmd.ClearHistory(conversationID));

    public Scenario Delete(string conversationID) => Do(Cmd.Delete(conversationID));

    public Scenario Revoke(string conversationID, string msgID) => Do(Cmd.Revoke(conversationID, msgID));

    public Scenario Remark(string peerID, string? remark) => Do(Cmd.Remark(peerID, remark));

    public Scenario Mark(ulong markType, bool enable, params string[] conversationIDs) => Do(Cmd.Mark(markType, enable, conversationIDs));

    public IReadOnlyList<ConversationView> Filtered(ConversationFilter filter) =>
        ListQueries.All(State, Now, Settings.RetentionMs, filter).ConversationList;

    public long UnreadOf(ConversationFilter filter) => ListQueries.TotalUnread(State, Now, Settings.RetentionMs, filter);

    public IReadOnlyList<ConversationView> List => ListQueries.All(State, Now, Settings.RetentionMs).ConversationList;

    public IReadOnlyList<string> Ids => List.Select(c => c.ConversationID).ToArray();

    public ConversationView? Find(string conversationID) => ListQueries.Get(State, conversationID, Now, Settings.RetentionMs);

    public ConversationView this[string conversationID] =>
        Find(conversationID) ?? throw new Xunit.Sdk.XunitException($"{conversationID} is not in the list");

    public ConversationStats? Stats(string conversationID) => ListQueries.Stats(State, conversationID, Now, Settings.RetentionMs);

    public long TotalUnread => ListQueries.TotalUnread(State, Now, Settings.RetentionMs);

    public ConversationPage Page(PagePosition from, int count) => ListQueries.Page(State, from, count, Now, Settings.RetentionMs);

    public IReadOnlyList<ConversationView> Batch(params string[] conversationIDs) =>
        ListQueries.Batch(State, conversationIDs, Now, Settings.RetentionMs);
}
