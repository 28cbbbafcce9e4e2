using System.Text.Json;

namespace ConversationActors.TestSupport.Changes;

/// <summary>One Server-Sent Event of the change feed as a client sees it: its id (the seq), its name and its data.</summary>
public sealed record SseEvent(long Id, string Event, JsonElement Data)
{
    public string? ConversationID => Data.TryGetProperty("conversationID", out var id) ? id.GetString() : null;

    public override string ToString() => $"{Id} {Event} {Data.GetRawText()}";
}
