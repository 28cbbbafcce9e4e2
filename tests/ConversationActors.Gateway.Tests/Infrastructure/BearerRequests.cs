using System.Net.Http.Headers;
using System.Text;

namespace ConversationActors.Gateway.Tests.Infrastructure;

/// <summary>Requests through <see cref="Api"/> with a bearer token of the caller's choosing (TestSupport's Tokens), or none.</summary>
public static class BearerRequests
{
    /// <summary>Sends with <paramref name="token"/> as the bearer (none when null).</summary>
    public static async Task<Answer> SendAsync(this Api api, string? token, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await api.SendAsync(request);
    }
}
