using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ConversationActors.Bench.Load;
using Npgsql;

namespace ConversationActors.Bench.Scenarios;

/// <summary>
/// Issue #19 (6): the time from the store's return to the last user served again, after an outage of
/// <see cref="Sizes.StoreOutage"/> under write load (4 writers over 30 users). PostgreSQL is stopped (fast shutdown, as
/// an operator's restart) and started again; the embedded SQLite store's outage is a full disk (its file on a small
/// tmpfs filled to the last byte, then freed). A user is served again at the first acknowledged write that was sent
/// after the store returned. Any answer other than success or the SPEC's 503 invalidates the figure, and so does an
/// acknowledged message missing from the user's journal afterwards.
/// </summary>
public static class StoreOutage
{
    private const int Users = 30;
    private const int Writers = 4;

    /// <param name="Store">postgres or sqlite.</param>
    /// <param name="Outage">What the outage was.</param>
    /// <param name="RefusedDuring">503 answers (STORE_UNAVAILABLE or TIMEOUT) while the store was away or coming back.</param>
    /// <param name="FirstUserBackMs">From the store's return to the first user's first acknowledged write, ms.</param>
    /// <param name="MedianUserBackMs">The median user's, ms.</param>
    /// <param name="LastUserBackMs">The last user's (the figure), ms.</param>
    /// <param name="Acknowledged">Writes acknowledged in the whole run; every one was found in its user's journal.</param>
    public sealed record Result(
        string Store, string Outage, double OutageSeconds, int Users, long RefusedDuring, double FirstUserBackMs, double MedianUserBackMs, double LastUserBackMs, long Acknowledged);

    /// <summary>Runs the write load, calls <paramref name="stop"/>, waits the outage, calls <paramref name="restart"/> and measures.</summary>
    public static async Task<Result> RunAsync(Uri server, Sizes sizes, string store, string outage, Func<Task> stop, Func<Task> restart)
    {
        using var client = LoadClient.CreateClient(server, Writers);
        client.Timeout = TimeSpan.FromSeconds(20);
        var clock = Stopwatch.StartNew();
        var acknowledged = new ConcurrentDictionary<string, ConcurrentBag<string>>();
        var servedAgain = new ConcurrentDictionary<int, double>();
        long refused = 0;
        string? invalid = null;
        double backAt = double.MaxValue;
        using var done = new CancellationTokenSource();
        long next = -1;

        async Task Writer()
        {
            while (!done.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref next);
                var user = (int)(i % Users);
                var userID = $"outage-{store}-u{user}";
                var msgID = $"o{i}";
                var sentAt = clock.Elapsed.TotalMilliseconds;
                var body = $$"""{"msgID":"{{msgID}}","senderID":"peer","timestamp":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}},"summary":"outage"}""";
                try
                {
                    using var response = await client.PostAsync(
                        $"/v1/users/{userID}/conversations/C2Cpeer/messages", new StringContent(body, Encoding.UTF8, "application/json"), done.Token);
                    var bytes = await response.Content.ReadAsByteArrayAsync(done.Token);
                    if (LoadClient.IsEnvelopeOk(response, bytes))
                    {
                        acknowledged.GetOrAdd(userID, _ => []).Add(msgID);
                        if (sentAt >= Volatile.Read(ref backAt))
                        {
                            servedAgain.TryAdd(user, clock.Elapsed.TotalMilliseconds - backAt);
                        }
                    }
                    else if ((int)response.StatusCode == 503)
                    {
                        Interlocked.Increment(ref refused);
                        await Task.Delay(50, done.Token); // a client's pause before it retries
                    }
                    else
                    {
                        Interlocked.CompareExchange(ref invalid, $"{(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}", null);
                    }
                }
                catch (OperationCanceledException) when (done.IsCancellationRequested)
                {
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.CompareExchange(ref invalid, e.Message, null);
                }
            }
        }

        var writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(Writer)).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop();
        await Task.Delay(sizes.StoreOutage);
        await restart();
        Volatile.Write(ref backAt, clock.Elapsed.TotalMilliseconds);
        var deadline = clock.Elapsed + TimeSpan.FromSeconds(90);
        while (servedAgain.Count < Users && clock.Elapsed < deadline && invalid is null)
        {
            await Task.Delay(20);
        }

        await done.CancelAsync();
        await Task.WhenAll(writers);
        if (invalid is not null)
        {
            throw new InvalidOperationException($"store outage {store}: an answer was neither a success nor a 503 ({invalid}); the figure is invalid");
        }

        if (servedAgain.Count < Users)
        {
            throw new TimeoutException($"store outage {store}: {Users - servedAgain.Count} of {Users} users were not served within 90 s of the store's return");
        }

        foreach (var (userID, msgIDs) in acknowledged)
        {
            var stored = await JournalMsgIDsAsync(client, userID);
            var lost = msgIDs.Where(m => !stored.Contains(m)).ToArray();
            if (lost.Length > 0)
            {
                throw new InvalidOperationException($"store outage {store}: {lost.Length} acknowledged messages of {userID} are not in its journal (first {lost[0]})");
            }
        }

        var back = servedAgain.Values.Order().ToArray();
        return new Result(store, outage, sizes.StoreOutage.TotalSeconds, Users, refused, back[0], LatencyStats.Percentile(back, 50), back[^1], acknowledged.Values.Sum(b => b.Count));
    }

    /// <summary>Stops PostgreSQL with scripts/postgres.sh --stop (fast shutdown).</summary>
    public static Task StopPostgresAsync(Options options) => RunScriptAsync(options, "postgres.sh", "--stop");

    /// <summary>Starts PostgreSQL again (scripts/postgres.sh) and returns once it accepts a connection.</summary>
    public static async Task StartPostgresAsync(Options options)
    {
        await RunScriptAsync(options, "postgres.sh");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(options.PostgresConnection);
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (attempt < 200)
            {
                await Task.Delay(50);
            }
        }
    }

    private static async Task<HashSet<string>> JournalMsgIDsAsync(HttpClient client, string userID)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var from = 1L; ; from += 1000)
        {
            using var document = JsonDocument.Parse(await client.GetStringAsync($"/v1/users/{userID}/events?fromSeq={from}&limit=1000"));
            var data = document.RootElement.GetProperty("data");
            foreach (var entry in data.EnumerateArray())
            {
                if (entry.GetProperty("event").TryGetProperty("msgID", out var msgID))
                {
                    ids.Add(msgID.GetString()!);
                }
            }

            if (data.GetArrayLength() < 1000)
            {
                return ids;
            }
        }
    }

    private static async Task RunScriptAsync(Options options, string script, params string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(options.ConfigDir, "..", "scripts", script)) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not run {script}");
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}");
        }
    }
}
