using ConversationActors.Domain.State;

namespace ConversationActors.Domain.Tests;

/// <summary>
/// The chunked immutable list behind the conversation index and the list order (issue #14) behaves as a plain sorted
/// list through thousands of inserts, removals and replacements (chunks split, empty and merge), and each version keeps
/// its own items.
/// </summary>
public class ChunkedListTests
{
    private sealed record Item(int Key, int Version);

    private static int ByKey(Item item, int key) => item.Key.CompareTo(key);

    [Theory]
    [InlineData(1, 3_000)]
    [InlineData(2, 300)]
    [InlineData(3, 20)]
    public void Differences_between_two_versions_are_exactly_the_keys_whose_item_changed_appeared_or_went(int seed, int keys)
    {
        var random = new Random(seed);
        var list = ChunkedList<Item>.Empty;
        var versions = new List<ChunkedList<Item>> { list };
        for (var step = 0; step < 4_000; step++)
        {
            var key = random.Next(keys);
            var at = list.Search(key, ByKey);
            var item = new Item(key, step);
            list = (at, random.Next(3)) switch
            {
                ( < 0, _) => list.Insert(~at, item),
                (_, 0) => list.SetItem(at, item),
                _ => list.RemoveAt(at),
            };
            versions.Add(list);
        }

        for (var i = 0; i < 300; i++)
        {
            var before = versions[random.Next(versions.Count)];
            var after = random.Next(2) == 0 ? versions[Math.Min(versions.Count - 1, versions.IndexOf(before) + 1 + random.Next(3))] : versions[random.Next(versions.Count)];
            var expected = before.Select(b => b.Key).Union(after.Select(a => a.Key))
                .Where(k => !ReferenceEquals(before.FirstOrDefault(b => b.Key == k), after.FirstOrDefault(a => a.Key == k)))
                .Order();
            var found = ChunkedList<Item>.Differences(before, after, (a, b) => a.Key.CompareTo(b.Key)).ToList();

            Assert.Equal(expected, found.Select(d => (d.Before ?? d.After)!.Key));
            Assert.All(found, d => Assert.True(
                (d.Before is null || before.Contains(d.Before)) && (d.After is null || after.Contains(d.After)) && (d.Before is null || d.After is null || d.Before.Key == d.After.Key)));
        }
    }

    [Theory]
    [InlineData(1, 3_000)]
    [InlineData(2, 300)]
    [InlineData(3, 50)]
    public void It_answers_like_a_sorted_list_through_random_changes(int seed, int keys)
    {
        var random = new Random(seed);
        var list = ChunkedList<Item>.Empty;
        var model = new List<Item>();
        var versions = new List<(ChunkedList<Item> List, Item[] Items)>();
        for (var step = 0; step < 6_000; step++)
        {
            var key = random.Next(keys);
            var at = list.Search(key, ByKey);
            Assert.Equal(model.FindIndex(i => i.Key == key) is var found && found >= 0 ? found : ~model.Count(i => i.Key < key), at);
            var item = new Item(key, step);
            (list, var change) = (at, random.Next(3)) switch
            {
                ( < 0, _) => (list.Insert(~at, item), () => model.Insert(~at, item)),
                (_, 0) => (list.SetItem(at, item), () => model[at] = item),
                _ => (list.RemoveAt(at), (Action)(() => model.RemoveAt(at))),
            };
            change();

            Assert.Equal(model.Count, list.Count);
            if (step % 97 == 0)
            {
                Assert.Equal(model, list);
                Assert.Equal(model, Enumerable.Range(0, list.Count).Select(i => list[i]));
                versions.Add((list, [.. model]));
            }
        }

        Assert.All(versions, v => Assert.Equal(v.Items, v.List));
    }

    [Theory]
    [InlineData(4, 3_000)]
    [InlineData(5, 200)]
    [InlineData(6, 40)]
    public void A_move_answers_what_a_removal_and_an_insertion_answer(int seed, int size)
    {
        var random = new Random(seed);
        var list = ChunkedList<Item>.From([.. Enumerable.Range(0, size).Select(i => new Item(i, 0))]);
        var model = list.ToList();
        var versions = new List<(ChunkedList<Item> List, Item[] Items)>();
        for (var step = 1; step <= 5_000; step++)
        {
            // Mostly to the top (as a message moves its conversation), sometimes anywhere, sometimes near.
            var from = random.Next(list.Count);
            var to = random.Next(4) switch
            {
                0 => random.Next(list.Count),
                1 => Math.Clamp(from + random.Next(-3, 4), 0, list.Count - 1),
                _ => 0,
            };
            var item = new Item(model[from].Key, step);
            list = list.Move(from, to, item);
            model.RemoveAt(from);
            model.Insert(to, item);

            Assert.Equal(model.Count, list.Count);
            Assert.Equal(item, list[to]);
            if (step % 89 == 0)
            {
                Assert.Equal(model, list);
                versions.Add((list, [.. model]));
            }
        }

        Assert.Equal(model, Enumerable.Range(0, list.Count).Select(i => list[i]));
        Assert.All(versions, v => Assert.Equal(v.Items, v.List));
        Assert.Throws<ArgumentOutOfRangeException>(() => list.Move(0, list.Count, new Item(0, 0)));
    }

    [Theory]
    [InlineData(7, 2_000)]
    [InlineData(8, 150)]
    [InlineData(9, 20)]
    public void A_transient_list_answers_like_the_immutable_one_and_leaves_the_list_it_came_from_unchanged(int seed, int keys)
    {
        var random = new Random(seed);
        var start = ChunkedList<Item>.From([.. Enumerable.Range(0, keys / 2).Select(i => new Item(i * 2, 0))]);
        var startItems = start.ToArray();
        var edit = new FoldEdit();
        var (transient, immutable) = (start.Transient(edit), start);
        for (var step = 1; step <= 6_000; step++)
        {
            var key = random.Next(keys);
            var at = immutable.Search(key, ByKey);
            Assert.Equal(at, transient.Search(key, ByKey));
            var item = new Item(key, step);
            (transient, immutable) = (at, random.Next(4)) switch
            {
                ( < 0, _) => (transient.Insert(~at, item), immutable.Insert(~at, item)),
                (_, 0) => (transient.SetItem(at, item), immutable.SetItem(at, item)),
                (_, 1) when immutable.Count > 1 => (transient.Move(at, 0, item), immutable.Move(at, 0, item)),
                _ => (transient.RemoveAt(at), immutable.RemoveAt(at)),
            };

            Assert.Equal(immutable.Count, transient.Count);
            if (step % 101 == 0)
            {
                Assert.Equal(immutable, transient);
                Assert.Equal(immutable, Enumerable.Range(0, transient.Count).Select(i => transient[i]));
            }
        }

        var sealedList = transient.Sealed();
        edit.Close();
        Assert.Equal(immutable, sealedList);
        Assert.Equal(startItems, start);

        // Once the edit is closed, the transient list changes as an immutable one: the sealed list stays as it was.
        var after = transient.Insert(0, new Item(-1, -1));
        Assert.Equal(immutable, sealedList);
        Assert.Equal(new Item(-1, -1), after[0]);
    }

    [Fact]
    public void A_list_built_from_ordered_items_finds_each_and_the_gaps()
    {
        var list = ChunkedList<Item>.From([.. Enumerable.Range(0, 1_000).Select(i => new Item(i * 2, 0))]);

        Assert.Equal(1_000, list.Count);
        Assert.Equal(250, list.Search(500, ByKey));
        Assert.Equal(~251, list.Search(501, ByKey));
        Assert.Equal(~1_000, list.Search(5_000, ByKey));
        Assert.Equal(~0, list.Search(-1, ByKey));
        Assert.Throws<ArgumentOutOfRangeException>(() => list[1_000]);
    }
}
