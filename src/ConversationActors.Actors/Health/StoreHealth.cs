using Akka.Actor;
using Akka.Event;

namespace ConversationActors.Actors.Health;

/// <summary>
/// Whether this node's event store answers, as the entities see it (issue #19): a failed write or recovery marks it
/// unavailable, the next successful one marks it available again. It logs once per outage — when it starts (with the
/// cause) and when it ends (with its length) — instead of once per entity and request, and feeds <c>/health/ready</c>
/// and the <c>conversation_actors_store_available</c> metric. One per ActorSystem (an Akka extension); creating it also
/// starts <see cref="StoppedEntityAnswers"/>.
/// </summary>
public sealed class StoreHealth : IExtension
{
    private readonly ILoggingAdapter _log;
    private readonly object _gate = new();

    /// <summary>Written under <see cref="_gate"/>, read without it: every successful write asks, and almost always finds null.</summary>
    private volatile Outage? _outage;

    public StoreHealth(ExtendedActorSystem system)
    {
        _log = Logging.GetLogger(system, typeof(StoreHealth));
        var answers = system.SystemActorOf(Props.Create<StoppedEntityAnswers>(), StoppedEntityAnswers.Name);
        system.EventStream.Subscribe(answers, typeof(AllDeadLetters));
    }

    /// <summary>The current outage, or null while the store answers.</summary>
    public Outage? Current => _outage;

    public bool IsAvailable => Current is null;

    public static StoreHealth Get(ActorSystem system) => system.WithExtension<StoreHealth, StoreHealthProvider>();

    /// <summary>A store call failed (<paramref name="what"/>: "write", "recovery", …).</summary>
    public void Failed(string what, Exception cause)
    {
        Outage started;
        lock (_gate)
        {
            if (_outage is not null)
            {
                return;
            }

            started = _outage = new Outage(DateTimeOffset.UtcNow, $"{what} failed: {cause.GetBaseException().Message}");
        }

        _log.Warning(
            "The event store is unavailable ({0}); writes and recoveries answer 503 STORE_UNAVAILABLE until it answers again. " +
            "Entities already in memory keep answering reads.",
            started.Cause);
    }

    /// <summary>A store call succeeded.</summary>
    public void Succeeded()
    {
        // The common case, once per successful write or recovery: no outage, no lock (issue 27: a node-wide lock per write).
        if (_outage is null)
        {
            return;
        }

        Outage? ended;
        lock (_gate)
        {
            if (_outage is null)
            {
                return;
            }

            ended = _outage;
            _outage = null;
        }

        _log.Info("The event store answers again after {0:0.0} s ({1})", (DateTimeOffset.UtcNow - ended.Since).TotalSeconds, ended.Cause);
    }

    /// <summary>An outage: since when (UTC) and the first failure's cause.</summary>
    public sealed record Outage(DateTimeOffset Since, string Cause);
}

/// <summary>Creates the <see cref="StoreHealth"/> extension.</summary>
public sealed class StoreHealthProvider : ExtensionIdProvider<StoreHealth>
{
    public override StoreHealth CreateExtension(ExtendedActorSystem system) => new(system);
}
