using System.Globalization;
using System.Text.Json;

namespace ConversationActors.TestSupport.Torture;

/// <summary>What any list answer must satisfy on its own, whatever ran concurrently (SPEC 3.3, 4.1).</summary>
public static class ListAnswer
{
    /// <summary>
    /// What is wrong with <paramref name="conversationList"/>, or null: a conversationID twice; with
    /// <paramref name="inListOrder"/> (a list or a page, not a batch), an item not after the one before it in list order
    /// (pinned first, then orderKey descending; orderKeys are unique).
    /// </summary>
    public static string? Anomaly(JsonElement conversationList, bool inListOrder)
    {
        if (conversationList.ValueKind != JsonValueKind.Array)
        {
            return "conversationList is not an array";
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        (bool Pinned, long OrderKey, string ID)? previous = null;
        foreach (var item in conversationList.EnumerateArray())
        {
            var id = item.GetProperty("conversationID").GetString() ?? string.Empty;
            if (!seen.Add(id))
            {
                return $"{id} is listed twice";
            }

            var current = (item.GetProperty("isPinned").GetBoolean(), item.GetProperty("orderKey").GetInt64(), id);
            if (inListOrder && previous is { } p && !(p.Pinned && !current.Item1) && (p.Pinned != current.Item1 || p.OrderKey <= current.Item2))
            {
                return string.Create(CultureInfo.InvariantCulture, $"{id} (pinned {current.Item1}, orderKey {current.Item2}) comes after {p.ID} (pinned {p.Pinned}, orderKey {p.OrderKey})");
            }

            previous = current;
        }

        return null;
    }

    /// <summary>The (conversationID, lastMessage.msgID) of each conversation of the answer that has a lastMessage.</summary>
    public static IReadOnlyList<(string ConversationID, string MsgID)> LastMessages(JsonElement conversationList) =>
        [.. conversationList.EnumerateArray()
            .Where(c => c.TryGetProperty("lastMessage", out var last) && last.ValueKind == JsonValueKind.Object)
            .Select(c => (c.GetProperty("conversationID").GetString()!, c.GetProperty("lastMessage").GetProperty("msgID").GetString()!))];
}
