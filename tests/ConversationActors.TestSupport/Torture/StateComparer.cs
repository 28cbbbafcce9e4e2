using System.Globalization;
using System.Text.Json;
using ConversationActors.Domain;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.State;

namespace ConversationActors.TestSupport.Torture;

/// <summary>
/// Compares a user's live list with what it must be: the domain's fold of the user's journal (or, for a compacted
/// journal, the server's own replay of it): the same conversations in the same order, each with the same fields, and
/// the same total unread. Answers the differences in words (none: they agree).
/// </summary>
public static class StateComparer
{
    /// <summary>The live list and total unread against <paramref name="fold"/>, judged at <paramref name="now"/>.</summary>
    public static IReadOnlyList<string> Differences(
        IReadOnlyList<JsonElement> live, long liveTotalUnread, ConversationSet fold, long now, ConversationSettings settings)
    {
        var expected = ListQueries.All(fold, now, settings.RetentionMs).ConversationList.Select(ConversationFields.Of).ToArray();
        var differences = Differences(live.Select(ConversationFields.Of).ToArray(), expected, "fold");
        var total = ListQueries.TotalUnread(fold, now, settings.RetentionMs);
        if (total != liveTotalUnread)
        {
            differences.Add(string.Create(CultureInfo.InvariantCulture, $"totalUnreadCount: live {liveTotalUnread}, fold {total}"));
        }

        return differences;
    }

    /// <summary>The live list against another list answer (the server's replay, <paramref name="expectedName"/>).</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyList<JsonElement> live, IReadOnlyList<JsonElement> expected, string expectedName) =>
        Differences(live.Select(ConversationFields.Of).ToArray(), expected.Select(ConversationFields.Of).ToArray(), expectedName);

    private static List<string> Differences(
        IReadOnlyList<IReadOnlyDictionary<string, string>> live, IReadOnlyList<IReadOnlyDictionary<string, string>> expected, string expectedName)
    {
        var differences = new List<string>();
        var liveIDs = live.Select(c => c["conversationID"]).ToArray();
        var expectedIDs = expected.Select(c => c["conversationID"]).ToArray();
        if (!liveIDs.SequenceEqual(expectedIDs))
        {
            differences.Add($"list order: live [{string.Join(", ", liveIDs)}], {expectedName} [{string.Join(", ", expectedIDs)}]");
        }

        var byID = expected.ToDictionary(c => c["conversationID"], StringComparer.Ordinal);
        foreach (var conversation in live)
        {
            if (!byID.TryGetValue(conversation["conversationID"], out var other))
            {
                continue;
            }

            foreach (var name in ConversationFields.Names.Where(name => conversation[name] != other[name]))
            {
                differences.Add($"{conversation["conversationID"]} {name}: live \"{conversation[name]}\", {expectedName} \"{other[name]}\"");
            }
        }

        return differences;
    }
}
