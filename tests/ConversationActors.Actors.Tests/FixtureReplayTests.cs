using System.Text.Json;
using ConversationActors.Actors.Serialization;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.Replay;
using ConversationActors.Domain.State;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// Events are forever: the stored fixtures (tests/fixtures/events, written by older builds) still read and
/// fold with today's code into the conversations they name, and a stored snapshot restores to what it holds
/// (an old one without issue #10's fields with none of them).
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
        Assert.All(payloads, p => Assert.NotNull(p));

        // The conversation events fold into the conversations they name: created by a message, draft or pin (minus
        // what a creation evicted), gone after a delete. Counted here by hand, with retention off so nothing expires.
        var events = payloads.OfType<IConversationEvent>().ToArray();
        var folded = JournalReplay.Fold("alice", events, 10_000);
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var evt in events)
        {
            switch (evt)
            {
                case ICreatingEvent creating:
                    expected.ExceptWith(creating.Evicted);
                    expected.Add(CreatedID(creating));
                    break;
                case ConversationDeleted deleted:
                    expected.Remove(deleted.ConversationID);
                    break;
            }
        }

        var at = events.Length == 0 ? 0 : events[^1].At;
        Assert.Equal(expected, folded.Conversations.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(expected, ListQueries.Batch(folded, expected, at, retentionMs: 0).Select(c => c.ConversationID));

        foreach (var snapshot in payloads.OfType<ConversationSetSnapshot>())
        {
            // A stored snapshot restores to the conversations it lists (and its delete watermarks, when it has them).
            var restored = snapshot.Restore(10_000);
            Assert.Equal(snapshot.Conversations.Select(c => c.Id), restored.Order.Select(entry => entry.ID.Value));
            Assert.Equal((snapshot.DeleteWatermarks ?? new Dictionary<string, long>()).OrderBy(kv => kv.Key, StringComparer.Ordinal), restored.DeleteWatermarks.ByConversation.OrderBy(kv => kv.Key, StringComparer.Ordinal));
            Assert.Empty(restored.ConversationGroups);
            Assert.All(restored.Conversations.Values, c => Assert.True(c.Marks == 0 && c.CustomData is null && c.GroupList.IsEmpty));
        }

        if (!payloads.OfType<ConversationAddedToGroup>().Any())
        {
            // Files from before conversation groups existed fold to conversations in no group.
            Assert.All(folded.Conversations.Values, c => Assert.Empty(c.GroupList));
        }
    }

    private static string CreatedID(ICreatingEvent e) => e switch
    {
        MessageAdded m => m.ConversationID,
        DraftSet d => d.ConversationID,
        ConversationPinned p => p.ConversationID,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "a creating event this test does not know"),
    };

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
