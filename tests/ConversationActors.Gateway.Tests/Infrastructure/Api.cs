using System.Text;

namespace ConversationActors.Gateway.Tests.Infrastructure;

/// <summary>Real HTTP requests to one host, with short names for the SPEC's endpoints.</summary>
public sealed class Api(HttpClient http) : IDisposable
{
    public HttpClient Http => http;

    public Task<Answer> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<Answer> PostAsync(string path, string? body = null) => SendAsync(HttpMethod.Post, path, body);

    public Task<Answer> PutAsync(string path, string? body) => SendAsync(HttpMethod.Put, path, body);

    public Task<Answer> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    public async Task<Answer> SendAsync(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await SendAsync(request);
    }

    public async Task<Answer> SendAsync(HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.RetryAfter?.ToString());
    }

    /// <summary>A message into one user's conversation (SPEC 4.2).</summary>
    public Task<Answer> AddMessageAsync(string userID, string conversationID, string body) =>
        PostAsync(Paths.Conversation(userID, conversationID) + "/messages", body);

    public Task<Answer> ListAsync(string userID, string query = "") => GetAsync(Paths.Conversations(userID) + query);

    public void Dispose() => http.Dispose();
}
