using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConversationActors.Gateway.Rendering;
using ConversationActors.Gateway.Tests.Infrastructure;

namespace ConversationActors.Gateway.Tests;

/// <summary>SPEC 3.3 order and 4.1 paging and batch guarantees, end to end over HTTP.</summary>
public sealed class OrderingAndPagingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly Api _api = fixture.Api;

    [Fact]
    public async Task Pinned_conversations_come_first_then_the_rest_each_by_orderKey_descending()
    {
        const string user = "order-basic";
        var t = Messages.HourAgo;
        await SeedAsync(user, 5, t);
        await PinAsync(user, "C2Cc1");
        await PinAsync(user, "C2Cc3");
        await MessageAsync(user, "C2Cc0", "late-news", t + 100);
        await MessageAsync(user, "C2Cc4", "older", t - 100); // older than its lastMessage: does not move it

        var list = (await _api.ListAsync(user)).Ok().GetProperty("conversationList").EnumerateArray().ToArray();

        Assert.Equal(["C2Cc3", "C2Cc1", "C2Cc0", "C2Cc4", "C2Cc2"], Shapes.Ids(JsonArray(list)));
        Assert.Equal([true, true, false, false, false], list.Select(c => c.Bool("isPinned")).ToArray());
        Assert.Equal([7L, 6, 8, 5, 3], list.Select(c => c.Long("orderKey")).ToArray());
    }

    [Fact]
    public async Task Paging_with_any_count_from_1_to_N_visits_every_conversation_exactly_once_in_list_order()
    {
        const string user = "page-every-count";
        await SeedAsync(user, 9, Messages.HourAgo);
        await PinAsync(user, "C2Cc2");
        await PinAsync(user, "C2Cc6");
        var all = Shapes.Ids((await _api.ListAsync(user)).Ok());
        Assert.Equal(9, all.Length);

        for (var count = 1; count <= all.Length + 1; count++)
        {
            var pages = await TraverseAsync(user, count);

            Assert.Equal(all, pages.SelectMany(p => p).ToArray());
            Assert.All(pages, p => Assert.InRange(p.Length, 1, count));
            Assert.Equal((all.Length + count - 1) / count, pages.Count);
        }
    }

    [Fact]
    public async Task Paging_while_other_requests_activate_conversations_never_repeats_and_never_skips_one_that_did_not_move()
    {
        const string user = "page-while-writing";
        var t = Messages.HourAgo;
        await SeedAsync(user, 15, t);
        var original = Shapes.Ids((await _api.ListAsync(user)).Ok());
        var moved = new HashSet<string>();
        var seen = new List<string>();

        // Each step runs after a page has been answered and before the next is asked: a deterministic interleaving.
        var steps = new Func<Task>[]
        {
            async () =>
            {
                await Moved("C2Cc12", MessageAsync(user, "C2Cc12", "x1", t + 1000)); // the cursor's own item moves to the front
                await Moved("C2Cc13", MessageAsync(user, "C2Cc13", "x2", t + 1001)); // a visited one moves
            },
            async () =>
            {
                await Moved("C2Cc09", _api.DeleteAsync(Paths.Conversation(user, "C2Cc09"))); // the cursor's item is deleted
                await Moved("C2Cc07", MessageAsync(user, "C2Cc07", "x3", t + 1002)); // an unvisited one jumps ahead
                await MessageAsync(user, "C2Cnew", "x4", t + 1003); // a new one appears at the front
            },
            async () => await Moved("C2Cc04", PinAsync(user, "C2Cc04")),
            async () => await Moved("C2Cc01", MessageAsync(user, "C2Cc01", "x5", t + 1004)),
        };

        var cursor = "0";
        for (var page = 0; ; page++)
        {
            var data = (await _api.ListAsync(user, $"?nextSeq={Uri.EscapeDataString(cursor)}&count=3")).Ok();
            seen.AddRange(Shapes.Ids(data));
            if (data.Bool("isFinished"))
            {
                break;
            }

            cursor = data.Str("nextSeq")!;
            if (page < steps.Length)
            {
                await steps[page]();
            }
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Empty(original.Except(moved).Except(seen));
        Assert.Equal(
            ["C2Cc14", "C2Cc13", "C2Cc12", "C2Cc11", "C2Cc10", "C2Cc09", "C2Cc08", "C2Cc06", "C2Cc05", "C2Cc03", "C2Cc02", "C2Cc01", "C2Cc00"],
            seen);

        async Task Moved(string id, Task<Answer> request)
        {
            (await request).Ok();
            moved.Add(id);
        }
    }

    [Fact]
    public async Task The_nextSeq_of_a_finished_page_or_of_the_unpaged_list_gives_an_empty_finished_page()
    {
        const string user = "page-finished";
        await SeedAsync(user, 4, Messages.HourAgo);
        var unpaged = (await _api.ListAsync(user)).Ok();
        var lastPage = (await _api.ListAsync(user, "?nextSeq=0&count=4")).Ok();
        Assert.True(unpaged.Bool("isFinished") && lastPage.Bool("isFinished"));

        foreach (var cursor in new[] { unpaged.Str("nextSeq")!, lastPage.Str("nextSeq")! })
        {
            var after = (await _api.ListAsync(user, $"?nextSeq={Uri.EscapeDataString(cursor)}&count=2")).Ok();

            Assert.Equal(Shapes.Page, Shapes.Names(after));
            Assert.Empty(after.GetProperty("conversationList").EnumerateArray());
            Assert.True(after.Bool("isFinished"));
        }
    }

    [Fact]
    public async Task Either_paging_parameter_alone_asks_for_a_page()
    {
        const string user = "page-one-parameter";
        await SeedAsync(user, 3, Messages.HourAgo);

        var byCount = (await _api.ListAsync(user, "?count=2")).Ok();
        var byCursor = (await _api.ListAsync(user, "?nextSeq=0")).Ok();

        Assert.Equal(["C2Cc2", "C2Cc1"], Shapes.Ids(byCount));
        Assert.False(byCount.Bool("isFinished"));
        Assert.Equal(["C2Cc2", "C2Cc1", "C2Cc0"], Shapes.Ids(byCursor));
        Assert.True(byCursor.Bool("isFinished"));
    }

    [Fact]
    public async Task A_tampered_another_users_or_garbage_cursor_is_INVALID_PARAMETER()
    {
        const string user = "cursor-owner";
        await SeedAsync(user, 3, Messages.HourAgo);
        await SeedAsync("cursor-other", 3, Messages.HourAgo);
        var cursor = (await _api.ListAsync(user, "?count=1")).Ok().Str("nextSeq")!;
        (await _api.ListAsync(user, $"?nextSeq={Uri.EscapeDataString(cursor)}&count=1")).Ok();
        var dot = cursor.IndexOf('.');
        var otherPosition = cursor[0] + "9" + cursor[dot..];
        var flippedMac = cursor[..^1] + (cursor[^1] == 'A' ? 'B' : 'A');

        foreach (var (bad, owner) in new[]
                 {
                     (otherPosition, user), (flippedMac, user), (cursor, "cursor-other"),
                     ("garbage", user), ("s0.", user), ("u1", user), (new string('u', 80), user),
                 })
        {
            var answer = await _api.ListAsync(owner, $"?nextSeq={Uri.EscapeDataString(bad)}&count=1");

            answer.Refused(HttpStatusCode.BadRequest, 6017);
            Assert.Contains("nextSeq", answer.Desc);
        }
    }

    [Fact]
    public async Task A_batch_answers_the_existing_conversations_in_the_order_asked_each_once()
    {
        const string user = "batch-order";
        var t = Messages.HourAgo;
        await MessageAsync(user, "C2Ca", "a", t);
        await MessageAsync(user, "C2Cb", "b", t + 1);
        await MessageAsync(user, "GROUPg", "g", t + 2);
        var body = new JsonObject { ["conversationIDList"] = new JsonArray("GROUPg", "C2Cmissing", "c2c_a", "C2Cb", "C2Ca", "group_g") };

        var data = (await _api.PostAsync(Paths.Conversations(user) + "/batch", body.ToJsonString())).Ok();

        Assert.Equal(["conversationList"], Shapes.Names(data));
        Assert.Equal(["GROUPg", "C2Ca", "C2Cb"], Shapes.Ids(data));
        Assert.All(data.GetProperty("conversationList").EnumerateArray(), c => Shapes.AssertConversation(c));
    }

    [Fact]
    public async Task A_batch_takes_up_to_100_IDs_and_refuses_101_an_empty_or_missing_list_or_a_malformed_ID()
    {
        const string user = "batch-limits";
        await MessageAsync(user, "C2Ca", "a", Messages.HourAgo);
        var hundred = Enumerable.Range(0, 99).Select(i => (JsonNode?)$"C2Cm{i}").Append("C2Ca").ToArray();
        var ok = (await _api.PostAsync(Paths.Conversations(user) + "/batch", new JsonObject { ["conversationIDList"] = new JsonArray(hundred) }.ToJsonString())).Ok();
        Assert.Equal(["C2Ca"], Shapes.Ids(ok));

        var tooMany = new JsonObject { ["conversationIDList"] = new JsonArray(Enumerable.Range(0, 101).Select(i => (JsonNode?)$"C2Cm{i}").ToArray()) };
        foreach (var bad in new[] { tooMany.ToJsonString(), """{"conversationIDList":[]}""", "{}", """{"conversationIDList":["C2Ca","nonsense"]}""" })
        {
            var answer = await _api.PostAsync(Paths.Conversations(user) + "/batch", bad);

            answer.Refused(HttpStatusCode.BadRequest, 6017);
            Assert.Contains("conversationIDList", answer.Desc);
        }
    }

    [Fact]
    public async Task The_whole_list_past_64_KiB_arrives_chunked_and_whole_while_a_page_as_long_arrives_with_its_Content_Length()
    {
        // The whole list has no bound, so it is sent as it is written; a page has page-max, so it is buffered and sent in one piece.
        const string user = "list-past-flush";
        const int conversations = 120;
        var t = Messages.HourAgo;
        for (var i = 0; i < conversations; i++)
        {
            var body = Messages.Body($"long{i}", "someone", t + i, summary: new string((char)('a' + (i % 26)), 500));
            (await _api.AddMessageAsync(user, $"C2Cc{i:000}", body)).Ok();
        }

        var expected = Enumerable.Range(0, conversations).Reverse().Select(i => $"C2Cc{i:000}").ToArray();
        using (var whole = await _api.Http.GetAsync(Paths.Conversations(user)))
        {
            var json = await whole.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
            Assert.True(Encoding.UTF8.GetByteCount(json) > AnswerWriter.FlushBytes, $"the list is only {json.Length} characters");
            Assert.True(whole.Headers.TransferEncodingChunked, "the whole list must be sent chunked");
            Assert.False(whole.Content.Headers.NonValidated.Contains("Content-Length"));
            var data = new Answer(whole.StatusCode, json).Ok();
            Assert.Equal(expected, Shapes.Ids(data));
            Assert.True(data.Bool("isFinished"));
        }

        using var page = await _api.Http.GetAsync(Paths.Conversations(user) + $"?count={conversations}");
        var pageJson = await page.Content.ReadAsStringAsync();
        Assert.True(Encoding.UTF8.GetByteCount(pageJson) > AnswerWriter.FlushBytes, $"the page is only {pageJson.Length} characters");
        Assert.NotEqual(true, page.Headers.TransferEncodingChunked);
        Assert.Equal(Encoding.UTF8.GetByteCount(pageJson), page.Content.Headers.ContentLength);
        Assert.Equal(expected, Shapes.Ids(new Answer(page.StatusCode, pageJson).Ok()));
    }

    private static JsonElement JsonArray(JsonElement[] items) =>
        JsonSerializer.SerializeToElement(items);

    private async Task<List<string[]>> TraverseAsync(string user, int count)
    {
        var pages = new List<string[]>();
        var cursor = "0";
        while (true)
        {
            var data = (await _api.ListAsync(user, $"?nextSeq={Uri.EscapeDataString(cursor)}&count={count}")).Ok();
            var ids = Shapes.Ids(data);
            Assert.True(pages.Count <= 50, "the traversal does not end");
            if (data.Bool("isFinished"))
            {
                if (ids.Length > 0 || pages.Count == 0)
                {
                    pages.Add(ids);
                }

                return pages;
            }

            pages.Add(ids);
            cursor = data.Str("nextSeq")!;
        }
    }

    /// <summary>Conversations C2Cc0.. with one incoming message each, oldest first: c{n-1} is at the front.</summary>
    private async Task SeedAsync(string user, int count, long from)
    {
        for (var i = 0; i < count; i++)
        {
            var id = count > 10 ? $"C2Cc{i:00}" : $"C2Cc{i}";
            (await MessageAsync(user, id, $"seed{i}", from + i)).Ok();
        }
    }

    private Task<Answer> MessageAsync(string user, string conversationID, string msgID, long timestamp) =>
        _api.AddMessageAsync(user, conversationID, Messages.Body(msgID, "someone", timestamp));

    private async Task<Answer> PinAsync(string user, string conversationID)
    {
        var answer = await _api.PutAsync(Paths.Conversation(user, conversationID) + "/pin", """{"isPinned":true}""");
        answer.Ok();
        return answer;
    }
}
