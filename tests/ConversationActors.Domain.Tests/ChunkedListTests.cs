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
