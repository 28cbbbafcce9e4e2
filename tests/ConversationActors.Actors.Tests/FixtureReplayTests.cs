using System.Text.Json;
using ConversationActors.Actors.Serialization;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Replay;
using ConversationActors.Domain.State;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// Events are forever: the stored fixtures (tests/fixtures/events, written by older builds) still read and
/// fold with today's code, and an old snapshot without issue #10's fields restores with none of them.
/// </summary>
public sealed class FixtureReplayTests
{
    private static readonly string Root = FindRoot();

    public static TheoryData<string> Files => new(Directory.GetFiles(Path.Combine(Root, "tests", "fixtures", "events"), "*.ndjson", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(Root, f)).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_stored_fixture_line_deserializes_and_the_conversation_events_fold(string file)
    {
        var payloads = File.ReadAllLines(Path.Combine(Root, file)).Where(l => l.Length > 0).Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            var manifest = document.RootElement.GetProperty("manifest").GetString()!;
            var payload = document.RootElement.GetProperty("payload").GetString()!;
            return PayloadCodec.Deserialize(System.Text.Encoding.UTF8.GetBytes(payload), manifest);
        }).ToArray();

        Assert.NotEmpty(payloads);
        var folded = JournalReplay.Fold("alice", payloads.OfType<IConversationEvent>(), 10_000);
        foreach (var snapshot in payloads.OfType<ConversationSetSnapshot>())
        {
            var restored = snapshot.Restore(10_000);
            Assert.Empty(restored.ConversationGroups);
            Assert.All(restored.Conversations.Values, c => Assert.True(c.Marks == 0 && c.CustomData is null && c.GroupList.IsEmpty));
        }

        if (!payloads.OfType<ConversationAddedToGroup>().Any())
        {
            // Files from before conversation groups existed fold to conversations in no group.
            Assert.All(folded.Conversations.Values, c => Assert.Empty(c.GroupList));
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConversationActors.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("the repository root was not found");
    }
}
