using System.Diagnostics;

namespace ConversationActors.Cluster.Tests.Support;

/// <summary>Waits for a condition by asking again until a deadline, never by sleeping a guessed time.</summary>
public static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> attempt, TimeSpan within, string what)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await attempt() is { } result)
            {
                return result;
            }

            if (clock.Elapsed > within)
            {
                throw new TimeoutException($"{what}: not within {within.TotalSeconds:0} s");
            }

            await Task.Delay(200);
        }
    }

    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan within, string what) =>
        UntilAsync<object>(async () => await condition() ? new object() : null, within, what);
}
