using System.Text.Json;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.Tests.Reference;
using Compact = ConversationActors.Domain.State;

namespace ConversationActors.Domain.Tests.Legacy;

/// <summary>
/// Issue #14's proof obligation: the compact state answers exactly what the old immutable-collections fold answers.
/// Folds the same events into both and compares every stored field of every conversation (through the snapshot records),
/// the set's own fields, dedupe membership of every message seen, and every query: pages (under every filter, following
/// the cursors), batch, get, stats, total unread (filtered too) and the conversation groups.
/// </summary>
internal sealed class Equivalence(string ownerID, int dedupeWindow)
{
    private readonly HashSet<(string ConversationID, string MsgID)> _messages = [];

    public ConversationSet Old { get; private set; } = ConversationSet.Empty(ownerID, dedupeWindow);

    public Compact.ConversationSet New { get; private set; } = Compact.ConversationSet.Empty(ownerID, dedupeWindow);

    /// <summary>Starts both sides from states of their own (e.g. each restored from the same snapshot).</summary>
    public Equivalence From(ConversationSet old, Compact.ConversationSet compact)
    {
        (Old, New) = (old, compact);
        return this;
    }

    public void Apply(IConversationEvent e)
    {
        if (e is MessageAdded m)
        {
            _messages.Add((m.ConversationID, m.MsgID));
        }

        Old = Old.Apply(e);
        New = New.Apply(e);
    }

    /// <summary>Fails at the first answer the two states give differently, judged at <paramref name="now"/>.</summary>
    public void AssertSame(IEnumerable<string> conversationIDs, long now, long retentionMs, int pageSize)
    {
        var ids = conversationIDs.Distinct(StringComparer.Ordinal).ToArray();
        Same("conversations", LegacySnapshot.Conversations(Old), Compact.ConversationSetSnapshot.Of(New).Conversations);
        Assert.Equal(Old.OwnerID, New.OwnerID);
        Assert.Equal(Old.MaxOrderKey, New.MaxOrderKey);
        Same("remarks", new SortedDictionary<string, string>(Old.Remarks, StringComparer.Ordinal), Compact.ConversationSetSnapshot.Of(New).Remarks);
        Assert.Equal(Old.ConversationGroups, New.ConversationGroups);
        Same("delete watermarks", new SortedDictionary<string, long>(Old.DeleteWatermarks.ByConversation, StringComparer.Ordinal), Compact.ConversationSetSnapshot.Of(New).DeleteWatermarks);
        foreach (var (conversationID, msgID) in _messages)
        {
            Assert.True(
                Old.Dedupe.Contains(DedupeMemory.Key(conversationID, msgID)) == New.Dedupe.Contains(Compact.DedupeMemory.Key(conversationID, msgID)),
                $"dedupe memory of {conversationID}/{msgID}");
        }

        foreach (var filter in Agreement.Filters.Prepend(null))
        {
            SamePages(filter, now, retentionMs, pageSize);
            Assert.Equal(LegacyQueries.TotalUnread(Old, now, retentionMs, filter), ListQueries.TotalUnread(New, now, retentionMs, filter));
        }

        SamePages(null, now, retentionMs, int.MaxValue);
        Same("batch", LegacyQueries.Batch(Old, ids.Reverse(), now, retentionMs), ListQueries.Batch(New, ids.Reverse(), now, retentionMs));
        foreach (var id in ids)
        {
            Same($"get {id}", LegacyQueries.Get(Old, id, now, retentionMs), ListQueries.Get(New, id, now, retentionMs));
            Assert.Equal(LegacyQueries.Stats(Old, id, now, retentionMs), ListQueries.Stats(New, id, now, retentionMs));
        }
    }

    private void SamePages(ConversationFilter? filter, long now, long retentionMs, int pageSize)
    {
        var budget = ListQueries.ScanBudget(filter, pageSize);
        var (oldAt, newAt) = (PagePosition.Start, PagePosition.Start);
        for (var page = 0; ; page++)
        {
            var old = LegacyQueries.Page(Old, oldAt, pageSize, now, retentionMs, filter, budget);
            var compact = ListQueries.Page(New, newAt, pageSize, now, retentionMs, filter, budget);
            Same($"page {page} of {pageSize} under {filter}", old, compact);
            if (old.IsFinished)
            {
                return;
            }

            (oldAt, newAt) = (old.Next, compact.Next);
        }
    }

    private static void Same(string question, object? old, object? compact) =>
        Assert.True(JsonSerializer.Serialize(old) == JsonSerializer.Serialize(compact), $"{question}: old {JsonSerializer.Serialize(old)}\n compact {JsonSerializer.Serialize(compact)}");
}
