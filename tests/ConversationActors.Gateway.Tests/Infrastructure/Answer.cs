using System.Net;
using System.Text.Json;

namespace ConversationActors.Gateway.Tests.Infrastructure;

/// <summary>One HTTP answer: its status, its raw body and the SPEC envelope read from it.</summary>
public sealed class Answer
{
    private readonly Lazy<JsonElement> _json;

    public Answer(HttpStatusCode status, string body, string? retryAfter = null)
    {
        Status = status;
        Body = body;
        RetryAfter = retryAfter;
        _json = new Lazy<JsonElement>(() => Parse(body, status));
    }

    public HttpStatusCode Status { get; }

    /// <summary>The Retry-After header as sent, or null without one.</summary>
    public string? RetryAfter { get; }

    public string Body { get; }

    public JsonElement Json => _json.Value;

    public int Code => Json.GetProperty("code").GetInt32();

    public string Desc => Json.GetProperty("desc").GetString()!;

    public JsonElement Data => Json.GetProperty("data");

    /// <summary>Asserts a success envelope (200, code 0, desc "") and gives its data.</summary>
    public JsonElement Ok()
    {
        Assert.True(Status == HttpStatusCode.OK, $"expected 200, got {(int)Status}: {Body}");
        AssertEnvelope();
        Assert.Equal(0, Code);
        Assert.Equal(string.Empty, Desc);
        return Data;
    }

    /// <summary>Asserts an error envelope with this status and code and a desc that says something.</summary>
    public Answer Refused(HttpStatusCode status, int code)
    {
        Assert.True(Status == status && Code == code, $"expected {(int)status}/{code}, got {(int)Status}: {Body}");
        AssertEnvelope();
        Assert.False(string.IsNullOrWhiteSpace(Desc), $"desc must say what was wrong: {Body}");
        return this;
    }

    /// <summary>The envelope has exactly code, desc and data.</summary>
    public void AssertEnvelope() =>
        Assert.Equal(["code", "desc", "data"], Json.EnumerateObject().Select(p => p.Name).ToArray());

    public override string ToString() => $"{(int)Status} {Body}";

    private static JsonElement Parse(string body, HttpStatusCode status)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"HTTP {(int)status} answered a body that is not JSON ({e.Message}): {body}");
        }
    }
}
