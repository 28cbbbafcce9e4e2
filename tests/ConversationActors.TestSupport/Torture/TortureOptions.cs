using System.Globalization;
using ConversationActors.Domain;

namespace ConversationActors.TestSupport.Torture;

/// <summary>
/// The shape of a torture run: where to send (one base URL per node; each attempt picks one), how long, how many
/// clients over how few users, how each request is duplicated and retried, and the service's settings the workload
/// and the checker must respect. Every failure message carries <see cref="Seed"/>: a run started with the same seed
/// (environment variable <c>TORTURE_SEED</c>) makes the same choices, though the interleaving is the machine's.
/// </summary>
public sealed record TortureOptions
{
    /// <summary>The variable that fixes the seed of every run in the process (to repeat a failure).</summary>
    public const string SeedVariable = "TORTURE_SEED";

    /// <summary>The nodes' base URLs (node numbers in the history are indexes into this list, from 1).</summary>
    public required IReadOnlyList<Uri> Nodes { get; init; }

    /// <summary>The load balancer in front of <see cref="Nodes"/> (a rolling deploy takes nodes out); null: every node always.</summary>
    public LoadBalancer? Balancer { get; init; }

    /// <summary>Seeds every choice of the workload.</summary>
    public int Seed { get; init; } = SeedFromEnvironmentOrRandom();

    /// <summary>
    /// How long new logical requests are started (with <see cref="LoadAfterFaults"/>, at most); requests in flight then
    /// end on their own.
    /// </summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// When set, the load ends this long after the last fault window (its declared end, or the injector's return if
    /// later) once the fault injector has returned: the service is seen serving everyone for this long after every fault,
    /// and a run whose faults recover quickly ends early. <see cref="Duration"/> then only caps the run. Null: the load
    /// runs for <see cref="Duration"/>.
    /// </summary>
    public TimeSpan? LoadAfterFaults { get; init; }

    /// <summary>Concurrent clients, each a loop of logical requests.</summary>
    public int Clients { get; init; } = 24;

    /// <summary>Users at the start (few, so that clients collide on them).</summary>
    public int Users { get; init; } = 12;

    /// <summary>
    /// Users that join only <see cref="LateUsersJoinBeforeEnd"/> before the load ends: shorter than the journal's
    /// retention, so their journals stay whole and the checker folds them from their first event.
    /// </summary>
    public int LateUsers { get; init; } = 4;

    /// <summary>See <see cref="LateUsers"/>.</summary>
    public TimeSpan LateUsersJoinBeforeEnd { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>Group IDs the group messages go to.</summary>
    public int Groups { get; init; } = 4;

    /// <summary>Prefix of every user ID (several runs may share a store).</summary>
    public string UserPrefix { get; init; } = "tu";

    /// <summary>Each logical request is sent 1 to this many times at once, with identical bodies.</summary>
    public int MaxCopies { get; init; } = 4;

    /// <summary>The share of attempts given a short random client timeout (then retried), so duplicates overlap on the server.</summary>
    public double ImpatientShare { get; init; } = 0.25;

    /// <summary>The range of the short client timeouts.</summary>
    public (TimeSpan Min, TimeSpan Max) ImpatientTimeout { get; init; } = (TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(400));

    /// <summary>The client timeout of every other attempt: an answer slower than this is a failure of the service.</summary>
    public TimeSpan PatientTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per copy that may time out by the client's choice; the last one always waits patiently.</summary>
    public int ImpatientTries { get; init; } = 3;

    /// <summary>How long a copy keeps retrying after 503s or refused connections (faults), on other nodes when there are any.</summary>
    public TimeSpan RetryFor { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long a resting user gets no request: longer than the service's passivate-after (1 s in
    /// <see cref="ServiceSettings"/>), so its entity stops.
    /// </summary>
    public TimeSpan RestFor { get; init; } = TimeSpan.FromSeconds(2.5);

    /// <summary>The chance, per logical request, that one more user starts resting (at most half of them rest at once).</summary>
    public double RestChance { get; init; } = 0.01;

    /// <summary>
    /// Messages a user receives before it is retired and replaced by a fresh one: below the dedupe window, so every retry
    /// is still recognized (the idempotency the checker asserts holds within the window only).
    /// </summary>
    public int MessagesPerUser { get; init; } = 4000;

    /// <summary>
    /// Warm every node up before the load (the <c>WarmUp</c> class); off, the load meets the nodes' cold start (the
    /// first requests of a fresh node may time out).
    /// </summary>
    public bool WarmUp { get; init; } = true;

    /// <summary>The fold's settings the service runs with (dedupe window, conversation retention).</summary>
    public ConversationSettings Fold { get; init; } = ConversationSettings.Default;

    /// <summary>
    /// With how many history lines and violations a failure message is written (the full list is in
    /// <see cref="TortureReport"/>).
    /// </summary>
    public int ViolationsShown { get; init; } = 20;

    /// <summary>
    /// The settings (environment variables) of a service under the torture load, so that every life-cycle event happens
    /// often: entities passivate after 1 s (a user resting <see cref="RestFor"/> stops its entity), snapshot every 7
    /// events, and with <paramref name="journalRetention"/> their journals are compacted; the rate limiter is off (the
    /// load is one client address). A new dictionary each call, for the caller's own additions.
    /// </summary>
    public static Dictionary<string, string> ServiceSettings(TimeSpan? journalRetention = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["CONVERSATION_ACTORS_PASSIVATE_AFTER"] = "1s",
            ["CONVERSATION_ACTORS_SNAPSHOT_EVERY"] = "7",
            ["CONVERSATION_ACTORS_RATE_LIMIT_PERMITS"] = "0",
            ["CONVERSATION_ACTORS_RATE_LIMIT_ADMIN_PERMITS"] = "0",
        };
        if (journalRetention is { } retention)
        {
            settings["CONVERSATION_ACTORS_JOURNAL_RETENTION"] = $"{(int)retention.TotalSeconds}s";
        }

        return settings;
    }

    /// <summary>The seed from <see cref="SeedVariable"/>, else a fresh one.</summary>
    public static int SeedFromEnvironmentOrRandom() =>
        int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : Random.Shared.Next();
}
