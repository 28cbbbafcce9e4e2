using ConversationActors.Domain.Paging;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.State;
using ConversationActors.Domain.Tests.Support;
using FsCheck.Xunit;

namespace ConversationActors.Domain.Tests.Properties;

/// <summary>Properties (b) and (c): paging visits everything once, also while the list changes.</summary>
[Properties(Arbitrary = [typeof(DomainArbitraries)])]
public class PagingProperties
{
    private static readonly IComparer<OrderSlot> Order = OrderSlot.ListOrder;

    [Property(MaxTest = 200)]
    public void Paging_with_any_count_visits_every_conversation_exactly_once_in_list_order(Script script)
    {
        var results = Trace.Run(script);
        var now = Trace.EndTime(script);
        var state = Trace.Final(script, results);
        var expected = Trace.List(state, now, script.Settings).Select(c => c.ConversationID).ToArray();

        foreach (var count in new[] { script.PageSize, 1, 500 })
        {
            var seen = new List<string>();
            var cursor = CursorCodec.StartCursor;
            for (var pages = 0; ; pages++)
            {
                Assert.True(pages <= expected.Length + 1, "paging does not end");
                Assert.True(Keys.Codec.TryDecode(Scenario.Owner, cursor, out var position, out _));
                var page = ListQueries.Page(state, position, count, now, script.Settings.RetentionMs);
                Assert.True(page.ConversationList.Count <= count);
                seen.AddRange(page.ConversationList.Select(c => c.ConversationID));
                cursor = Keys.Codec.Encode(Scenario.Owner, page.Next);
                if (page.IsFinished)
                {
                    break;
                }

                Assert.Equal(count, page.ConversationList.Count);
            }

            Assert.Equal(expected, seen);
            var after = ListQueries.Page(state, Decode(cursor), count, now, script.Settings.RetentionMs);
            Assert.Empty(after.ConversationList);
            Assert.True(after.IsFinished);
        }
    }

    [Property(MaxTest = 200)]
    public void Paging_while_the_list_changes_never_repeats_an_item_that_did_not_move_back_and_never_skips_one_that_stayed(Script script)
    {
        var settings = script.Settings;
        var pageSize = Math.Min(script.PageSize, 3);
        var moments = new List<IReadOnlyDictionary<string, OrderSlot>>();
        var returnedAt = new Dictionary<string, (int Moment, OrderSlot Slot)>(StringComparer.Ordinal);
        var cursor = PagePosition.Start;
        var finished = false;
        var index = 0;

        void NextPage(ConversationSet state, long now)
        {
            if (finished)
            {
                return;
            }

            var page = ListQueries.Page(state, cursor, pageSize, now, settings.RetentionMs);
            foreach (var item in page.ConversationList)
            {
                var slot = new OrderSlot(item.IsPinned, item.OrderKey, item.ConversationID);
                if (cursor.At == PagePosition.Kind.After)
                {
                    Assert.True(Order.Compare(new OrderSlot(cursor.IsPinned, cursor.OrderKey, ""), slot) < 0, "an item before the cursor");
                }

                if (returnedAt.TryGetValue(item.ConversationID, out var first))
                {
                    var movedBack = moments.Skip(first.Moment + 1)
                        .Any(m => m.TryGetValue(item.ConversationID, out var s) && Order.Compare(s, first.Slot) > 0);
                    Assert.True(movedBack, $"{item.ConversationID} returned twice without moving backwards");
                }

                returnedAt[item.ConversationID] = (moments.Count - 1, slot);
            }

            cursor = page.Next;
            finished = page.IsFinished;
        }

        void Snapshot(ConversationSet state, long now) => moments.Add(Trace.List(state, now, settings)
            .ToDictionary(c => c.ConversationID, c => new OrderSlot(c.IsPinned, c.OrderKey, c.ConversationID), StringComparer.Ordinal));

        var start = Math.Min(script.Split, script.Steps.Count);
        var results = Trace.Run(script, step =>
        {
            index++;
            if (index < start)
            {
                return;
            }

            Snapshot(step.After, step.Now);
            if (index == start || (index - start) % 2 == 0)
            {
                NextPage(step.After, step.Now);
            }
        });

        var final = Trace.Final(script, results);
        var end = Trace.EndTime(script);
        if (moments.Count == 0)
        {
            Snapshot(final, end);
        }

        for (var guard = 0; !finished; guard++)
        {
            Assert.True(guard < 100, "paging does not end");
            NextPage(final, end);
        }

        // An item present with the same slot at every moment of the traversal was returned.
        foreach (var (id, slot) in moments[0])
        {
            if (moments.All(m => m.TryGetValue(id, out var s) && s == slot))
            {
                Assert.True(returnedAt.ContainsKey(id), $"{id} never moved but was skipped");
            }
        }
    }

    [Property(MaxTest = 200)]
    public void Filtered_paging_with_a_small_scan_budget_visits_exactly_the_matching_conversations_in_list_order(Script script)
    {
        var results = Trace.Run(script);
        var now = Trace.EndTime(script);
        var state = Trace.Final(script, results);
        ConversationFilter[] filters =
        [
            new(Domain.Ids.ConversationType.C2C), new(MarkType: Model.ConversationMarks.Hide), new(MarkType: Model.ConversationMarks.Star),
            new(ConversationGroup: "folder0"), new(HasUnread: true), new(HasAt: false), new(Domain.Ids.ConversationType.Group, HasUnread: false),
        ];
        foreach (var filter in filters)
        {
            var expected = ListQueries.All(state, now, script.Settings.RetentionMs, filter).ConversationList.Select(c => c.ConversationID).ToArray();
            var seen = new List<string>();
            var from = PagePosition.Start;
            for (var pages = 0; ; pages++)
            {
                Assert.True(pages <= state.Order.Count + 1, "paging does not end");
                var page = ListQueries.Page(state, from, script.PageSize, now, script.Settings.RetentionMs, filter, scanBudget: 2);
                seen.AddRange(page.ConversationList.Select(c => c.ConversationID));
                from = page.Next;
                if (page.IsFinished)
                {
                    break;
                }
            }

            Assert.Equal(expected, seen);
        }
    }

    private static PagePosition Decode(string cursor) =>
        Keys.Codec.TryDecode(Scenario.Owner, cursor, out var position, out _) ? position : throw new InvalidOperationException(cursor);
}
