using System.Collections.Concurrent;
using System.Diagnostics;

namespace ConversationActors.Cluster.Tests.Support;

/// <summary>
/// A steady write load: several clients, each sending one message at a time to a random user through the
/// nodes in turn. Every write opens its own conversation (a new peer), so each acknowledged write can be
/// checked afterwards by name. A node that refuses connections is taken out of rotation, as a load
/// balancer would after its health check fails; the failed request is still recorded.
/// </summary>
public sealed class WriteLoad
{
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(8);
    private readonly ConcurrentQueue<Attempt> _attempts = new();
    private readonly List<int> _nodes;
    private readonly string[] _users;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _clients = [];
    private readonly TimeSpan _pause;

    public WriteLoad(IEnumerable<int> nodes, IReadOnlyList<string> users, Stopwatch clock, int clients = 4, int pauseMs = 20)
    {
        _nodes = [.. nodes];
        _users = [.. users];
        Clock = clock;
        _pause = TimeSpan.FromMilliseconds(pauseMs);
        for (var c = 0; c < clients; c++)
        {
            var client = c;
            _clients.Add(Task.Run(() => RunAsync(client)));
        }
    }

    /// <summary>One write: who, through which node, when (on <see cref="Clock"/>), and how it ended.</summary>
    public sealed record Attempt(string User, string Peer, string MsgID, int Node, TimeSpan Sent, TimeSpan Answered, bool Acked, string? Error);

    public Stopwatch Clock { get; }

    public IReadOnlyList<Attempt> Attempts => [.. _attempts];

    public IReadOnlyList<Attempt> Acked => [.. _attempts.Where(a => a.Acked)];

    public IReadOnlyList<Attempt> Failed => [.. _attempts.Where(a => !a.Acked)];

    /// <summary>Answers that must never happen whatever the load: a 500 (SPEC 4.4: no request gets a 500).</summary>
    public IReadOnlyList<Attempt> InternalErrors => [.. _attempts.Where(a => a.Error?.StartsWith("HTTP 500", StringComparison.Ordinal) == true)];

    /// <summary>Stops routing to <paramref name="node"/> (an operator took it out of the load balancer).</summary>
    public void Remove(int node)
    {
        lock (_nodes)
        {
            _nodes.Remove(node);
        }
    }

    /// <summary>Starts routing to <paramref name="node"/> too.</summary>
    public void Add(int node)
    {
        lock (_nodes)
        {
            if (!_nodes.Contains(node))
            {
                _nodes.Add(node);
            }
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> more writes were acknowledged.</summary>
    public Task AckedAtLeastAsync(int count, TimeSpan within)
    {
        var target = Acked.Count + count;
        return Poll.UntilAsync(() => Task.FromResult(Acked.Count >= target), within, $"{count} more acknowledged writes");
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_clients);
    }

    public string Summary()
    {
        var all = Attempts;
        var failed = all.Where(a => !a.Acked).ToList();
        var errors = failed.GroupBy(a => a.Error).Select(g => $"{g.Count()}× {g.Key}");
        return $"{all.Count} writes, {all.Count - failed.Count} acknowledged, {failed.Count} failed" +
               (failed.Count == 0 ? string.Empty : $", sent at [{string.Join(", ", failed.Take(30).Select(a => a.Sent.TotalSeconds.ToString("0.0")))}] s: " + string.Join("; ", errors));
    }

    private async Task RunAsync(int client)
    {
        var random = new Random(client);
        for (var seq = 0; !_stop.IsCancellationRequested; seq++)
        {
            int node;
            lock (_nodes)
            {
                if (_nodes.Count == 0)
                {
                    return;
                }

                node = _nodes[(client + seq) % _nodes.Count];
            }

            var user = _users[random.Next(_users.Length)];
            var peer = $"p{client}x{seq}";
            var msgID = $"m{client}x{seq}";
            var sent = Clock.Elapsed;
            var answer = await ClusterClient.AddMessageAsync(node, user, peer, msgID, WriteTimeout);
            _attempts.Enqueue(new Attempt(user, peer, msgID, node, sent, Clock.Elapsed, answer.Ok, answer.Error));
            if (answer.Error?.StartsWith("connection:", StringComparison.Ordinal) == true)
            {
                Remove(node);
            }

            try
            {
                await Task.Delay(_pause, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
