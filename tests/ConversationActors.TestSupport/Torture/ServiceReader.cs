using System.Globalization;
using System.Text;
using System.Text.Json;
using ConversationActors.Actors.Serialization;
using ConversationActors.Domain;
using ConversationActors.Domain.Events;

namespace ConversationActors.TestSupport.Torture;

/// <summary>
/// The checker's reads over HTTP, so the same checker works on SQLite, PostgreSQL and a cluster: a user's whole journal
/// (<c>/events</c>, every page), the live list and total unread, and the server's own replay of the journal
/// (<c>asOfSeq</c>). A read that fails (a node still recovering) is repeated on the next node for up to a minute.
/// </summary>
public sealed class ServiceReader(HttpClient http, IReadOnlyList<Uri> nodes)
{
    private static readonly TimeSpan ReadFor = TimeSpan.FromMinutes(1);
    private int _node;

    /// <summary>Every event of the user's journal, from where its history starts.</summary>
    public async Task<UserJournal> JournalAsync(string userID)
    {
        var events = new List<JournalEntry>();
        var path = $"/v1/users/{Uri.EscapeDataString(userID)}/events?limit={ConversationSettings.EventsLimitMax}";
        while (true)
        {
            var page = await DataAsync(events.Count == 0 ? path : path + string.Create(CultureInfo.InvariantCulture, $"&fromSeq={events[^1].Seq + 1}"));
            foreach (var e in page.EnumerateArray())
            {
                var type = e.GetProperty("type").GetString()!;
                var payload = PayloadCodec.Deserialize(Encoding.UTF8.GetBytes(e.GetProperty("event").GetRawText()), type);
                events.Add(new JournalEntry(e.GetProperty("seq").GetInt64(), e.GetProperty("timestamp").GetInt64(), type, (IConversationEvent)payload));
            }

            if (page.GetArrayLength() < ConversationSettings.EventsLimitMax)
            {
                return new UserJournal(userID, events);
            }
        }
    }

    /// <summary>The whole live list (every conversation but hidden ones) and the total unread.</summary>
    public async Task<(IReadOnlyList<JsonElement> Conversations, long TotalUnread)> LiveAsync(string userID)
    {
        var list = await DataAsync($"/v1/users/{Uri.EscapeDataString(userID)}/conversations");
        var unread = await DataAsync($"/v1/users/{Uri.EscapeDataString(userID)}/unread");
        return ([.. list.GetProperty("conversationList").EnumerateArray()], unread.GetProperty("totalUnreadCount").GetInt64());
    }

    /// <summary>The list the server folds from its journal (and snapshots) as of event <paramref name="seq"/>.</summary>
    public async Task<IReadOnlyList<JsonElement>> ReplayAsync(string userID, long seq)
    {
        var list = await DataAsync(string.Create(CultureInfo.InvariantCulture, $"/v1/users/{Uri.EscapeDataString(userID)}/conversations?asOfSeq={seq}"));
        return [.. list.GetProperty("conversationList").EnumerateArray()];
    }

    private async Task<JsonElement> DataAsync(string path)
    {
        var until = DateTimeOffset.UtcNow + ReadFor;
        while (true)
        {
            var node = nodes[Interlocked.Increment(ref _node) % nodes.Count];
            string failure;
            try
            {
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                using var response = await http.GetAsync(new Uri(node, path), deadline.Token);
                var body = await response.Content.ReadAsStringAsync(deadline.Token);
                using var envelope = JsonDocument.Parse(body);
                if (envelope.RootElement.GetProperty("code").GetInt32() == 0)
                {
                    return envelope.RootElement.GetProperty("data").Clone();
                }

                failure = $"HTTP {(int)response.StatusCode}: {body}";
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException or KeyNotFoundException)
            {
                failure = e.Message;
            }

            if (DateTimeOffset.UtcNow > until)
            {
                throw new InvalidOperationException($"GET {path} failed on every node for {ReadFor.TotalSeconds:0} s; last: {failure}");
            }

            await Task.Delay(500);
        }
    }
}
