namespace ConversationActors.Actors.Tests.Support;

/// <summary>
/// One node for a whole test class, on its own temp folder, with <c>akka.actor.serialize-messages = on</c>:
/// every message between actors goes through its serializer, as if it crossed the network.
/// Tests sharing it use user IDs of their own.
/// </summary>
public sealed class SerializingNodeFixture : IAsyncLifetime
{
    public const string SerializeEverything = "akka.actor.serialize-messages = on";

    private readonly DatabaseFolder _folder = new();
    private TestNode? _node;

    public TestNode Node => _node ?? throw new InvalidOperationException("the node has not started");

    public async Task InitializeAsync() => _node = await TestNode.StartAsync(_folder.NewConnectionString(), SerializeEverything);

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        _folder.Dispose();
    }
}
