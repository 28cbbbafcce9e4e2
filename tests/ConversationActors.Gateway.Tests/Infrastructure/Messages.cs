using System.Text.Json.Nodes;

namespace ConversationActors.Gateway.Tests.Infrastructure;

/// <summary>Message bodies (SPEC 4.2) and timestamps that the server accepts.</summary>
public static class Messages
{
    /// <summary>Server-acceptable time now, in ms since the epoch.</summary>
    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>A base time an hour ago, so a test can count upwards without reaching the future.</summary>
    public static long HourAgo => Now - 3_600_000;

    public static string Body(string msgID, string senderID, long timestamp, string summary = "hello", Action<JsonObject>? more = null)
    {
        var body = new JsonObject
        {
            ["msgID"] = msgID,
            ["senderID"] = senderID,
            ["timestamp"] = timestamp,
            ["summary"] = summary,
        };
        more?.Invoke(body);
        return body.ToJsonString();
    }

    /// <summary>A fan-out body (POST /v1/messages): the message fields plus its target.</summary>
    public static string FanOut(string msgID, string senderID, long timestamp, Action<JsonObject> target) =>
        Body(msgID, senderID, timestamp, "fan-out", target);
}
