using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ConversationActors.TestSupport.Torture;

/// <summary>
/// Sends one attempt of a logical request and records what came back: the status, the envelope's code and the write's
/// outcome fields (applied; delivered and duplicates), or that the client timed it out or got no answer. A list answer
/// is checked as it comes (<see cref="ListAnswer.Anomaly"/>), and a page's cursor noted for the next page.
/// </summary>
public sealed class AttemptSender(HttpClient http, IReadOnlyList<Uri> nodes, OperationHistory history, WorkloadMemory memory)
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json") { CharSet = "utf-8" };

    /// <summary>Sends copy <paramref name="copy"/>, try <paramref name="attempt"/> of <paramref name="request"/> to node <paramref name="node"/> (from 1).</summary>
    public async Task<Attempt> SendAsync(PlannedRequest request, int copy, int attempt, int node, TimeSpan timeout)
    {
        using var message = new HttpRequestMessage(request.Method, new Uri(nodes[node - 1], request.Path));
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(request.Body)) { Headers = { ContentType = JsonType } };
        }

        var record = new Attempt(
            history.NextAttemptId(), request.Id, copy, attempt, request.Kind, request.UserID, request.ConversationID, request.MsgID, node,
            Now(), 0, AttemptOutcome.Answered, TimeoutMs: (long)timeout.TotalMilliseconds);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, deadline.Token);
            var body = await response.Content.ReadAsByteArrayAsync(deadline.Token);
            return Read(record with { AnsweredAt = Now(), Status = (int)response.StatusCode }, body, request);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return record with { AnsweredAt = Now(), Outcome = AttemptOutcome.TimedOutByClient };
        }
        catch (HttpRequestException e)
        {
            return record with { AnsweredAt = Now(), Outcome = AttemptOutcome.ConnectionFailed, Error = Short(e.InnerException?.Message ?? e.Message) };
        }
    }

    private Attempt Read(Attempt record, byte[] body, PlannedRequest request)
    {
        JsonDocument envelope;
        try
        {
            envelope = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return record with { Error = "not an envelope: " + Short(Encoding.UTF8.GetString(body)) };
        }

        using (envelope)
        {
            var root = envelope.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.Number)
            {
                return record with { Error = "not an envelope: " + Short(Encoding.UTF8.GetString(body)) };
            }

            record = record with { Code = code.GetInt32(), Error = root.TryGetProperty("desc", out var desc) ? Short(desc.GetString() ?? string.Empty) : null };
            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                return record;
            }

            record = record with
            {
                Applied = data.TryGetProperty("applied", out var applied) && applied.ValueKind is JsonValueKind.True or JsonValueKind.False ? applied.GetBoolean() : null,
                Delivered = data.TryGetProperty("delivered", out var delivered) && delivered.ValueKind == JsonValueKind.Number ? delivered.GetInt32() : null,
                Duplicates = data.TryGetProperty("duplicates", out var duplicates) && duplicates.ValueKind == JsonValueKind.Number ? duplicates.GetInt32() : null,
            };
            if (record.Code != 0 || !data.TryGetProperty("conversationList", out var list))
            {
                return record;
            }

            if (request.Kind == OperationKind.ListPage && data.TryGetProperty("isFinished", out var finished))
            {
                memory.Paged(request.UserID, finished.ValueKind == JsonValueKind.False && data.TryGetProperty("nextSeq", out var next) ? next.GetString() : null);
            }

            return record with
            {
                Anomaly = ListAnswer.Anomaly(list, request.Kind.AnswersInListOrder()),
                LastMessagesShown = request.Kind.AnswersInListOrder() ? ListAnswer.LastMessages(list) : null,
            };
        }
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static string Short(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
