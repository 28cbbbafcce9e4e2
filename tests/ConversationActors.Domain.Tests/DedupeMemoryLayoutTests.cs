using ConversationActors.Domain.State;

namespace ConversationActors.Domain.Tests;

/// <summary>
/// The chunked dedupe memory (issue #14) remembers exactly what a plain first-in-first-out window of distinct keys
/// remembers, across chunk boundaries, forgetting and remembering a key again, and for windows smaller and larger than
/// a chunk; and its versions never see each other's keys.
/// </summary>
public class DedupeMemoryLayoutTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(DedupeMemory.ChunkSize - 1)]
    [InlineData(DedupeMemory.ChunkSize)]
    [InlineData(DedupeMemory.ChunkSize + 1)]
    [InlineData(300)]
    public void It_remembers_exactly_the_latest_distinct_keys_of_a_plain_window(int capacity)
    {
        var random = new Random(capacity);
        var memory = DedupeMemory.Create(capacity);
        var window = new List<ulong>();
        for (var i = 0; i < 2_000; i++)
        {
            // A small pool so keys come back, some while remembered, some after they were forgotten.
            var key = (ulong)random.Next(capacity * 2 + 3) * 0x9E3779B97F4A7C15UL;
            memory = memory.Remember(key);
            if (capacity > 0 && !window.Contains(key))
            {
                window.Add(key);
                if (window.Count > capacity)
                {
                    window.RemoveAt(0);
                }
            }

            Assert.Equal(window, memory.OldestFirst);
            Assert.Equal(window.Count, memory.Count);
            var probe = (ulong)random.Next(capacity * 2 + 3) * 0x9E3779B97F4A7C15UL;
            Assert.Equal(window.Contains(probe), memory.Contains(probe));
        }
    }

    [Fact]
    public void A_later_version_does_not_change_what_an_earlier_one_remembers()
    {
        var durable = DedupeMemory.From(10, Enumerable.Range(1, 8).Select(i => (ulong)i));
        var pending = durable.Remember(100).Remember(101).Remember(102);
        var other = durable.Remember(200);

        Assert.Equal(Enumerable.Range(1, 8).Select(i => (ulong)i), durable.OldestFirst);
        Assert.Equal([3UL, 4, 5, 6, 7, 8, 100, 101, 102], pending.OldestFirst.Skip(1));
        Assert.False(other.Contains(100));
        Assert.True(other.Contains(200) && !pending.Contains(200));
    }

    [Fact]
    public void Versions_that_remember_the_same_keys_share_them_and_part_when_they_differ()
    {
        var durable = DedupeMemory.From(1_000, Enumerable.Range(1, 5).Select(i => (ulong)i));
        var pending = durable.Remember(10).Remember(11);
        var caughtUp = durable.Remember(10);
        var diverged = caughtUp.Remember(12);
        var again = caughtUp.Remember(11);

        Assert.Equal([1UL, 2, 3, 4, 5, 10, 11], pending.OldestFirst);
        Assert.Equal([1UL, 2, 3, 4, 5, 10], caughtUp.OldestFirst);
        Assert.Equal([1UL, 2, 3, 4, 5, 10, 12], diverged.OldestFirst);
        Assert.Equal(pending.OldestFirst, again.OldestFirst);
        Assert.True(!pending.Contains(12) && !caughtUp.Contains(11) && !diverged.Contains(11));
    }

    [Fact]
    public void A_key_is_the_sha256_prefix_of_the_v1_key_text()
    {
        Assert.Equal(DedupeKey.OfText("C2Cbob\nm1"), DedupeKey.Of("C2Cbob", "m1"));
        Assert.NotEqual(DedupeKey.Of("C2Cbob", "m1"), DedupeKey.Of("C2Cbo", "bm1"));

        // Snapshots store these keys: the function is frozen (the value is python's hashlib.sha256 of the same bytes).
        Assert.Equal(0xb57e2633d76958b7UL, DedupeKey.Of("C2Cbob", "m1"));
    }
}
