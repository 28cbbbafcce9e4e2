using System.Net.Http.Json;

namespace ConversationActors.Bench.Scenarios;

/// <summary>
/// Journal write transactions and the event rows they committed, read from the bench server's
/// <c>/bench/journal-commits</c> (<see cref="Actors.Telemetry.JournalCommits"/>). <see cref="EventsPerTransaction"/> says whether
/// the write pipeline forms batches (issue #13).
/// </summary>
public sealed record JournalCommitCount(long Transactions, long Rows)
{
    public double EventsPerTransaction => Transactions == 0 ? 0 : (double)Rows / Transactions;

    public JournalCommitCount Since(JournalCommitCount before) => new(Transactions - before.Transactions, Rows - before.Rows);

    public static async Task<JournalCommitCount> ReadAsync(HttpClient client) =>
        await client.GetFromJsonAsync<JournalCommitCount>("/bench/journal-commits")
        ?? throw new InvalidOperationException("no journal commit count");
}
