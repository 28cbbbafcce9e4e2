namespace ConversationActors.Gateway.Tests.Infrastructure;

/// <summary>Polls a condition until it holds, failing the test with <c>what</c> after 30 s: a wait on a state, not a sleep.</summary>
public static class Waiting
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>Until <paramref name="condition"/> holds.</summary>
    public static Task UntilAsync(Func<bool> condition, string what) => UntilAsync(() => Task.FromResult(condition()), what);

    /// <summary>Until <paramref name="condition"/> holds (it may ask the service).</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what}: not within {Limit.TotalSeconds:0} s");
            await Task.Delay(50);
        }
    }
}
