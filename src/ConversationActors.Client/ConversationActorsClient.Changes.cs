using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using ConversationActors.Client.Changes;
using ConversationActors.Client.Model;

namespace ConversationActors.Client;

public sealed partial class ConversationActorsClient
{
    /// <summary>
    /// The user's live change feed (the conversation listener: onNewConversation, onConversationChanged,
    /// conversationDeleted, onTotalUnreadMessageCountChanged) as an endless sequence. After a drop (the server
    /// restarting, a network failure, a slow-reader disconnect, <see cref="ConversationActorsClientOptions.ChangeFeedIdleTimeout"/>
    /// of silence) it reconnects with <c>Last-Event-ID</c>, backing off while the server is away, so no item is
    /// missed and none is yielded twice. It ends only when <paramref name="ct"/> is cancelled.
    /// </summary>
    /// <param name="userID">The owner.</param>
    /// <param name="afterSeq">Yield the changes of journal events strictly after this seq (0: the whole history); null: from now on,
    /// starting with the current total.</param>
    /// <param name="ct">Stops the feed.</param>
    /// <exception cref="ConversationActorsException">A refusal that a reconnection cannot cure: 6017 (a resume point beyond the journal's end, a malformed userID), 403.
    /// 401 is retried, since the token provider may hand out a fresh token.</exception>
    public async IAsyncEnumerable<ConversationChange> WatchConversationChangesAsync(string userID, long? afterSeq = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var resume = new ResumePoint(afterSeq);
        var delay = _options.ChangeFeedReconnectDelay;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var lastEventId = resume.LastEventId;
            HttpResponseMessage? response = null;
            try
            {
                response = await OpenFeedAsync(userID, lastEventId, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested && IsTransient(e))
            {
                // The server is away (restarting, say): try again later.
            }

            if (response is not null)
            {
                using (response)
                {
                    resume.Connected();
                    delay = _options.ChangeFeedReconnectDelay;
                    var first = lastEventId is null;
                    await using var enumerator = ReadItemsAsync(response, ct).GetAsyncEnumerator(ct);
                    while (true)
                    {
                        ConversationChange? item;
                        try
                        {
                            item = await enumerator.MoveNextAsync() ? enumerator.Current : null;
                        }
                        catch (Exception e) when (!ct.IsCancellationRequested && IsTransient(e))
                        {
                            item = null;
                        }

                        if (item is null)
                        {
                            break;
                        }

                        var fresh = resume.Accept(item.Seq, first);
                        first = false;
                        if (fresh)
                        {
                            yield return item;
                        }
                    }
                }
            }

            await Task.Delay(delay, ct);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.ChangeFeedMaxReconnectDelay.Ticks));
        }
    }

    private static bool IsTransient(Exception e) =>
        e is HttpRequestException or IOException or TimeoutException or OperationCanceledException
        || e is ConversationActorsException { HttpStatus: HttpStatusCode.ServiceUnavailable or HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout }
        || e is ConversationActorsException { Code: ConversationActorsException.NotAnEnvelope };

    private async Task<HttpResponseMessage> OpenFeedAsync(string userID, long? lastEventId, CancellationToken ct)
    {
        using var request = await RequestAsync(HttpMethod.Get, User(userID) + "/conversations/changes", ct);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(CultureInfo.InvariantCulture));
        }

        using var opening = CancellationTokenSource.CreateLinkedTokenSource(ct);
        opening.CancelAfter(_options.ChangeFeedIdleTimeout);
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, opening.Token);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            using (response)
            {
                await ReadEnvelopeAsync(response, ct);
                throw new ConversationActorsException(ConversationActorsException.NotAnEnvelope, $"the change feed answered {(int)response.StatusCode}", response.StatusCode);
            }
        }

        return response;
    }

    /// <summary>Parses Server-Sent Events (id, event, data; comments are keep-alives) until the stream ends or goes silent too long.</summary>
    private async IAsyncEnumerable<ConversationChange> ReadItemsAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct), Encoding.UTF8);
        string? id = null, name = null;
        var data = new StringBuilder();
        while (true)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
            idle.CancelAfter(_options.ChangeFeedIdleTimeout);
            var line = await reader.ReadLineAsync(idle.Token);
            if (line is null)
            {
                yield break;
            }

            if (line.Length == 0)
            {
                if (name is not null && id is not null && data.Length > 0)
                {
                    if (Parse(long.Parse(id, CultureInfo.InvariantCulture), name, data.ToString()) is { } item)
                    {
                        yield return item;
                    }
                }

                (id, name) = (null, null);
                data.Clear();
            }
            else if (line.StartsWith("id:", StringComparison.Ordinal))
            {
                id = line[3..].Trim();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line[6..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(line.AsSpan(5).TrimStart(' '));
            }
        }
    }

    /// <summary>One item; null for an event name this client does not know (a newer server's), which it skips.</summary>
    private static ConversationChange? Parse(long seq, string name, string data)
    {
        var json = JsonDocument.Parse(data).RootElement;
        return name switch
        {
            "newConversation" or "conversationChanged" => ToChange(seq, name == "newConversation" ? ConversationChangeKind.NewConversation : ConversationChangeKind.ConversationChanged, json.Deserialize<Conversation>(Json)!),
            "conversationDeleted" => new ConversationChange(seq, ConversationChangeKind.ConversationDeleted, json.GetProperty("conversationID").GetString(), null, null),
            "totalUnreadChanged" => new ConversationChange(seq, ConversationChangeKind.TotalUnreadChanged, null, null, json.GetProperty("totalUnreadCount").GetInt32()),
            _ => null,
        };
    }

    private static ConversationChange ToChange(long seq, ConversationChangeKind kind, Conversation conversation) =>
        new(seq, kind, conversation.ConversationID, conversation, null);
}
