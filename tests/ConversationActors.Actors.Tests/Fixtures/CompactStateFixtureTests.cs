using ConversationActors.Domain.Events;
using ConversationActors.Domain.State;
using Equivalence = ConversationActors.Domain.Tests.Legacy.Equivalence;
using LegacySnapshot = ConversationActors.Domain.Tests.Legacy.LegacySnapshot;

namespace ConversationActors.Actors.Tests.Fixtures;

/// <summary>
/// Issue #14 (3): every stored journal fixture replays, event by event, into the compact state and into the old
/// immutable-collections fold alike, and every stored snapshot restores into both alike; all queries agree throughout.
/// </summary>
public sealed class CompactStateFixtureTests
{
    private static readonly long Retention = (long)TimeSpan.FromDays(7).TotalMilliseconds;

    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "fixtures", "events");

    public static TheoryData<string> Journals() =>
        [.. Directory.GetFiles(Folder, "conversations-*.ndjson", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Folder, f)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> Snapshots() =>
        [.. Directory.GetFiles(Folder, "snapshot-*.ndjson", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Folder, f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Journals))]
    public void A_stored_journal_replays_into_the_compact_state_as_into_the_old_fold(string file)
    {
        var events = Read(file).Cast<IConversationEvent>().ToArray();
        var ids = IdsOf(events);
        var both = new Equivalence("alice", 10_000);
        foreach (var e in events)
        {
            both.Apply(e);
            both.AssertSame(ids, e.At, Retention, 2);
        }

        both.AssertSame(ids, events[^1].At + Retention + 1, Retention, 3);
    }

    [Theory]
    [MemberData(nameof(Snapshots))]
    public void A_stored_snapshot_restores_into_the_compact_state_as_into_the_old_fold(string file)
    {
        var snapshot = Assert.IsType<ConversationSetSnapshot>(Read(file).Single());
        var both = new Equivalence(snapshot.OwnerID, 10_000).From(LegacySnapshot.Restore(snapshot, 10_000), snapshot.Restore(10_000));
        var ids = snapshot.Conversations.Select(c => c.Id).Concat(snapshot.DeleteWatermarks?.Keys ?? []).Append("C2Cnobody");
        var moment = snapshot.Conversations.Max(c => c.ActivityTime);

        both.AssertSame(ids, moment, Retention, 2);
        foreach (var key in snapshot.DedupeKeys)
        {
            var (conversationID, msgID) = (key[..key.IndexOf('\n')], key[(key.IndexOf('\n') + 1)..]);
            Assert.True(both.Old.Dedupe.Contains(key) && both.New.Dedupe.Contains(DedupeMemory.Key(conversationID, msgID)), key);
        }
    }

    private static string[] IdsOf(IEnumerable<IConversationEvent> events) =>
        [.. events.Select(e => e.GetType().GetProperty("ConversationID")?.GetValue(e) as string).OfType<string>().Distinct(StringComparer.Ordinal), "C2Cnobody"];

    private static object[] Read(string file) => [.. EventFixtureTests.Read(file).Select(stored => stored.Event)];
}
