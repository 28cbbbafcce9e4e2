namespace ConversationActors.TestSupport.Torture;

/// <summary>
/// Which nodes a load balancer sends requests to: all of them, except those an operator took out (a rolling deploy takes
/// a node out before it stops it and puts it back once <c>/health/ready</c> answers). Nodes are numbered from 1.
/// Thread-safe: the deploy changes it while the clients route through it.
/// </summary>
public sealed class LoadBalancer(int nodes)
{
    private readonly bool[] _out = new bool[nodes + 1];

    /// <summary>Stops routing to <paramref name="node"/>.</summary>
    public void TakeOut(int node) => Volatile.Write(ref _out[node], true);

    /// <summary>Routes to <paramref name="node"/> again.</summary>
    public void PutBack(int node) => Volatile.Write(ref _out[node], false);

    /// <summary><paramref name="node"/> when it is in, else the next node that is (itself when every node is out).</summary>
    public int Route(int node)
    {
        for (var i = 0; i < nodes; i++)
        {
            var candidate = ((node - 1 + i) % nodes) + 1;
            if (!Volatile.Read(ref _out[candidate]))
            {
                return candidate;
            }
        }

        return node;
    }
}
