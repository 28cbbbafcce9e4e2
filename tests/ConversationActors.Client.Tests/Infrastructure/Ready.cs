using System.Net;

namespace ConversationActors.Client.Tests.Infrastructure;

/// <summary>Polls <c>/health/ready</c> until the node is Up (there is no event to await across a process boundary).</summary>
public static class Ready
{
    public static async Task WaitAsync(Uri baseAddress, TimeSpan within, Func<bool>? gaveUp = null)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline && gaveUp?.Invoke() != true)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the gateway at {baseAddress} was not ready within {within}");
    }
}
