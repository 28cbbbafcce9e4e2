using ConversationActors.Domain.Paging;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.Tests.Support;

namespace ConversationActors.Domain.Tests;

/// <summary>SPEC 4.1 nextSeq: an opaque position bound to its user and protected against tampering.</summary>
public class CursorTests
{
    private static readonly CursorCodec Codec = Keys.Codec;

    public static TheoryData<PagePosition> Positions =>
    [
        PagePosition.Start,
        PagePosition.End,
        PagePosition.After(true, 1),
        PagePosition.After(false, 42),
        PagePosition.After(true, long.MaxValue),
        PagePosition.After(false, 0),
    ];

    [Theory]
    [MemberData(nameof(Positions))]
    public void A_cursor_round_trips_for_its_user(PagePosition position)
    {
        var cursor = Codec.Encode("alice", position);

        Assert.True(Codec.TryDecode("alice", cursor, out var decoded, out var error));
        Assert.Null(error);
        Assert.Equal(position, decoded);
    }

    [Fact]
    public void Zero_is_the_start_for_everyone()
    {
        Assert.Equal("0", Codec.Encode("alice", PagePosition.Start));
        Assert.True(Codec.TryDecode("anyone", "0", out var position, out _));
        Assert.Equal(PagePosition.Start, position);
    }

    [Fact]
    public void Another_users_cursor_is_refused()
    {
        var cursor = Codec.Encode("alice", PagePosition.After(false, 7));

        Assert.False(Codec.TryDecode("bob", cursor, out _, out var error));
        Assert.Contains("nextSeq", error);
    }

    [Fact]
    public void A_cursor_signed_with_another_key_is_refused()
    {
        var cursor = Keys.OtherCodec.Encode("alice", PagePosition.After(false, 7));

        Assert.False(Codec.TryDecode("alice", cursor, out _, out _));
    }

    [Fact]
    public void A_tampered_position_is_refused()
    {
        var cursor = Codec.Encode("alice", PagePosition.After(false, 7));
        var mac = cursor[cursor.IndexOf('.')..];

        Assert.False(Codec.TryDecode("alice", "u8" + mac, out _, out _));
        Assert.False(Codec.TryDecode("alice", "p7" + mac, out _, out _));
        Assert.False(Codec.TryDecode("alice", "s0" + mac, out _, out _));
    }

    [Fact]
    public void Every_single_character_change_of_a_cursor_is_refused()
    {
        var cursor = Codec.Encode("alice", PagePosition.After(true, 123456));
        for (var i = 0; i < cursor.Length; i++)
        {
            foreach (var c in "0aZ_-.=u")
            {
                if (cursor[i] == c)
                {
                    continue;
                }

                var tampered = cursor[..i] + c + cursor[(i + 1)..];
                Assert.False(Codec.TryDecode("alice", tampered, out _, out _), tampered);
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("1")]
    [InlineData("00")]
    [InlineData(" 0")]
    [InlineData("0 ")]
    [InlineData(".")]
    [InlineData("u.")]
    [InlineData("u5.")]
    [InlineData("u5.abc")]
    [InlineData("..........")]
    [InlineData("u-1.AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("u99999999999999999999999.AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("x5.AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("\u0000\uffff\ud800")]
    [InlineData("ü5.ÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄ")]
    public void Garbage_is_refused_without_an_exception(string? cursor)
    {
        Assert.False(Codec.TryDecode("alice", cursor, out var position, out var error));
        Assert.NotNull(error);
        Assert.Equal(PagePosition.Start, position);
    }

    [Fact]
    public void A_huge_cursor_is_refused_without_an_exception()
    {
        var valid = Codec.Encode("alice", PagePosition.After(false, 7));

        Assert.False(Codec.TryDecode("alice", new string('u', 1_000_000), out _, out _));
        Assert.False(Codec.TryDecode("alice", valid + new string('A', 100_000), out _, out _));
        Assert.False(Codec.TryDecode("alice", "u" + new string('9', 70) + "." + valid.Split('.')[1], out _, out _));
    }

    [Fact]
    public void A_cursor_key_shorter_than_16_bytes_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new CursorCodec(new byte[15]));
    }

    [Fact]
    public void The_end_cursor_gives_an_empty_finished_page()
    {
        var story = new Scenario().Receive("C2Cbob", "m1");
        var last = story.Page(PagePosition.Start, 10);
        var cursor = Codec.Encode(Scenario.Owner, last.Next);

        Assert.True(Codec.TryDecode(Scenario.Owner, cursor, out var position, out _));
        var page = story.Page(position, 10);

        Assert.Empty(page.ConversationList);
        Assert.True(page.IsFinished);
    }

    [Fact]
    public void A_cursor_looks_opaque_and_url_safe()
    {
        var cursor = Codec.Encode("alice", PagePosition.After(true, 5));

        Assert.Matches("^[psu][0-9]+\\.[A-Za-z0-9_-]+$", cursor);
        Assert.True(cursor.Length <= 64);
    }

    [Fact]
    public void Paging_through_encoded_cursors_visits_the_whole_list()
    {
        var story = new Scenario();
        for (var i = 0; i < 7; i++)
        {
            story.Receive($"C2Cu{i}", $"m{i}", from: $"u{i}");
        }

        story.Pin("C2Cu3");
        var seen = new List<string>();
        var cursor = CursorCodec.StartCursor;
        while (true)
        {
            Assert.True(Codec.TryDecode(Scenario.Owner, cursor, out var position, out _));
            var page = story.Page(position, 3);
            seen.AddRange(page.ConversationList.Select(c => c.ConversationID));
            cursor = Codec.Encode(Scenario.Owner, page.Next);
            if (page.IsFinished)
            {
                break;
            }
        }

        Assert.Equal(story.Ids, seen);
    }
}
