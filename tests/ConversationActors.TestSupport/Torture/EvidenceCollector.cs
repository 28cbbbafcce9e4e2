namespace ConversationActors.TestSupport.Torture;

/// <summary>
/// Reads, after the run, each user's journal and live state over HTTP. The live state is compared with the journal at
/// once (<see cref="StateComparer"/>) and read again, up to <see cref="Comparisons"/> times a quarter second apart, while
/// they disagree: a write a client gave up on may still land just after the run, between the two reads. A disagreement
/// that lasts is evidence for the checker.
/// </summary>
public static class EvidenceCollector
{
    /// <summary>How many times a disagreeing user is read again before the disagreement counts.</summary>
    public const int Comparisons = 8;

    public static async Task<TortureEvidence> CollectAsync(TortureOptions options, LoadResult load, FaultWindows faults)
    {
        using var http = TortureHttp.CreateClient();
        var reader = new ServiceReader(http, options.Nodes);
        var users = new Dictionary<string, UserEvidence>(StringComparer.Ordinal);
        using var parallel = new SemaphoreSlim(4);
        // Every user of the pool, and any other set a message was sent to.
        var everyone = load.Users.Concat(load.History.Requests.Values.SelectMany(r => r.Targets.Select(t => t.UserID))).Distinct(StringComparer.Ordinal);
        await Task.WhenAll(everyone.Select(async userID =>
        {
            await parallel.WaitAsync();
            try
            {
                var evidence = await UserAsync(reader, options, userID);
                lock (users)
                {
                    users[userID] = evidence;
                }
            }
            finally
            {
                parallel.Release();
            }
        }));
        return new TortureEvidence(options, load, faults.All, users);
    }

    private static async Task<UserEvidence> UserAsync(ServiceReader reader, TortureOptions options, string userID)
    {
        for (var comparison = 1; ; comparison++)
        {
            var journal = await reader.JournalAsync(userID);
            var (live, totalUnread) = await reader.LiveAsync(userID);
            var differences = journal.IsWhole
                ? StateComparer.Differences(live, totalUnread, journal.Fold(options.Fold), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), options.Fold)
                : StateComparer.Differences(live, await reader.ReplayAsync(userID, journal.LastSeq), "server replay");
            if (differences.Count == 0 || comparison == Comparisons)
            {
                return new UserEvidence(userID, journal, journal.IsWhole ? StateBasis.FoldedJournal : StateBasis.ServerReplay, differences, comparison);
            }

            await Task.Delay(250);
        }
    }
}
