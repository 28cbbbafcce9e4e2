namespace ConversationActors.Cli;

/// <summary>convctl's entry point (a named class, so tests can reference the gateway's Program beside it).</summary>
internal static class EntryPoint
{
    private static Task<int> Main(string[] args) => ConvCtl.RunAsync(args);
}
