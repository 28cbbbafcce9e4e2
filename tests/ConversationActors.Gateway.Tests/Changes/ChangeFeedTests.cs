using System.Net;
using System.Text.Json;
using ConversationActors.Actors.Protocol;
using ConversationActors.Gateway.Tests.Infrastructure;
using ConversationActors.TestSupport.Changes;

namespace ConversationActors.Gateway.Tests.Changes;

/// <summary>Issue #8: the change feed over real HTTP — order, content, resume without gap or duplicate, refusals.</summary>
public sealed class ChangeFeedTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly Api _api = fixture.Api;
    private readonly Uri _base = fixture.Api.Http.BaseAddress!;

    [Fact]
    public async Task Events_arrive_in_seq_order_and_match_the_writes()
    {
        const string user = "ch-order";
        var t = Messages.HourAgo;
        await using var feed = await SseClient.OpenAsync(_base, user);
        var first = await feed.NextAsync(Wait);
        Assert.Equal(new SseEvent(0, "totalUnreadChanged", first!.Data), first);
        Assert.Equal(0, first.Data.GetProperty("totalUnreadCount").GetInt64());

        (await _api.AddMessageAsync(user, "C2Calice", Messages.Body("m1", "alice", t))).Ok();
        (await _api.AddMessageAsync(user, "GROUP@TGS#team", Messages.Body("g1", "carol", t + 1, more: b => b["atAll"] = true))).Ok();
        (await _api.PutAsync(Paths.Conversation(user, "C2Calice") + "/pin", """{"isPinned":true}""")).Ok();
        (await _api.PostAsync(Paths.Conversation(user, "GROUP@TGS#team") + "/read")).Ok();
        (await _api.PutAsync(Paths.Remark(user, "alice"), """{"remark":"Ali"}""")).Ok();
        (await _api.DeleteAsync(Paths.Conversation(user, "C2Calice"))).Ok();

        var events = await feed.ReadUntilAsync(e => e.Count == 9, Wait);

        Assert.Equal(
            [
                "1 newConversation C2Calice", "1 totalUnreadChanged 1",
                "2 newConversation GROUP@TGS#team", "2 totalUnreadChanged 2",
                "3 conversationChanged C2Calice",
                "4 conversationChanged GROUP@TGS#team", "4 totalUnreadChanged 1",
                "5 conversationChanged C2Calice",
                "6 conversationDeleted C2Calice",
            ],
            events.Select(Describe));
        Assert.All(events.Where(e => e.Event is "newConversation" or "conversationChanged"), e => Shapes.AssertConversation(e.Data));
        Assert.Equal("m1", events[0].Data.GetProperty("lastMessage").Str("msgID"));
        Assert.Equal(1, events[0].Data.Long("unreadCount"));
        Assert.Equal("AT_ALL", events[2].Data.GetProperty("groupAtInfoList")[0].Str("atType"));
        Assert.True(events[4].Data.Bool("isPinned"));
        Assert.Equal(0, events[5].Data.Long("unreadCount"));
        Assert.Equal("Ali", events[7].Data.Str("showName"));
        Assert.Equal(["conversationID"], Shapes.Names(events[8].Data));

        // The ids are the journal's seqs: each event's items carry the seq of the write that caused them.
        var journal = (await _api.GetAsync(Paths.User(user) + "/events")).Ok();
        Assert.Equal(
            ["MessageAdded.v1", "MessageAdded.v1", "ConversationPinned.v1", "ConversationRead.v1", "FriendRemarkSet.v1", "ConversationDeleted.v1"],
            journal.EnumerateArray().Select(e => e.Str("type")));
        Assert.Equal([1L, 2, 3, 4, 5, 6], journal.EnumerateArray().Select(e => e.Long("seq")));

        // Replayed from the journal (fromSeq=1) the feed is the same, item for item.
        await using var replay = await SseClient.OpenAsync(_base, user, query: "?fromSeq=1");
        var replayed = await replay.ReadUntilAsync(e => e.Count == 9, Wait);
        Assert.Equal(events.Select(e => e.ToString()), replayed.Select(e => e.ToString()));
    }

    [Fact]
    public async Task A_stream_shows_only_its_users_changes_when_another_user_is_written_at_the_same_time()
    {
        // Each stream registers with its own user's entity (issue 27): another user's writes never reach it.
        const string user = "ch-topic-own";
        const string other = "ch-topic-other";
        var t = Messages.HourAgo;
        await using var feed = await SseClient.OpenAsync(_base, user);
        Assert.Equal(0, (await feed.NextAsync(Wait))!.Id);

        (await _api.AddMessageAsync(other, "C2Cmallory", Messages.Body("x1", "mallory", t))).Ok();
        (await _api.AddMessageAsync(user, "C2Calice", Messages.Body("m1", "alice", t + 1))).Ok();

        var events = await feed.ReadUntilAsync(e => e.Count == 2, Wait);
        Assert.Equal(["1 newConversation C2Calice", "1 totalUnreadChanged 1"], events.Select(Describe));
    }

    [Fact]
    public async Task A_client_that_disconnects_during_a_burst_and_resumes_with_Last_Event_ID_gets_exactly_the_missed_changes()
    {
        const string user = "ch-resume";
        const int writes = 60;
        var t = Messages.HourAgo;
        long lastSeen;
        var seen = new List<SseEvent>();
        Task burst;
        await using (var feed = await SseClient.OpenAsync(_base, user))
        {
            Assert.Equal(0, (await feed.NextAsync(Wait))!.Id);

            // Self-sent messages over four conversations: exactly one item per write (no unread, no total).
            burst = Task.Run(async () =>
            {
                for (var i = 1; i <= writes; i++)
                {
                    (await _api.AddMessageAsync(user, $"C2Cpeer{i % 4}", Messages.Body($"m{i}", user, t + i))).Ok();
                }
            });
            seen.AddRange(await feed.ReadUntilAsync(e => e.Count == 15, Wait));
            lastSeen = feed.LastEventId!.Value;
        }

        // The client is gone while the burst goes on.
        await burst.WaitAsync(TimeSpan.FromSeconds(60));
        await using var resumed = await SseClient.OpenAsync(_base, user, lastEventId: lastSeen);
        var missed = await resumed.ReadUntilAsync(e => e.Count > 0 && e[^1].Id == writes, Wait);

        Assert.Equal(15, lastSeen);
        Assert.Equal(Enumerable.Range(1, 15).Select(i => (long)i), seen.Select(e => e.Id));
        Assert.Equal(Enumerable.Range(16, writes - 15).Select(i => (long)i), missed.Select(e => e.Id));
        Assert.All(seen.Concat(missed), e =>
        {
            Assert.Equal(e.Id <= 4 ? "newConversation" : "conversationChanged", e.Event);
            Assert.Equal($"m{e.Id}", e.Data.GetProperty("lastMessage").Str("msgID"));
            Assert.Equal($"C2Cpeer{e.Id % 4}", e.ConversationID);
        });
    }

    [Fact]
    public async Task A_live_client_gets_each_write_once_and_fromSeq_starts_at_that_seq()
    {
        const string user = "ch-from";
        var t = Messages.HourAgo;
        (await _api.AddMessageAsync(user, "C2Cpeer", Messages.Body("m1", user, t))).Ok();
        (await _api.AddMessageAsync(user, "C2Cpeer", Messages.Body("m2", user, t + 1))).Ok();

        await using var feed = await SseClient.OpenAsync(_base, user, query: "?fromSeq=2");
        var caughtUp = await feed.NextAsync(Wait);
        (await _api.AddMessageAsync(user, "C2Cpeer", Messages.Body("m2", user, t + 1))).Ok(); // a duplicate: no event
        (await _api.AddMessageAsync(user, "C2Cpeer", Messages.Body("m3", user, t + 2))).Ok();
        var live = await feed.NextAsync(Wait);

        Assert.Equal("2 conversationChanged C2Cpeer", Describe(caughtUp!));
        Assert.Equal("3 conversationChanged C2Cpeer", Describe(live!));
        Assert.Equal("m3", live!.Data.GetProperty("lastMessage").Str("msgID"));
    }

    [Theory]
    [InlineData("Last-Event-ID", "abc")]
    [InlineData("Last-Event-ID", "-1")]
    [InlineData("Last-Event-ID", "99")]
    [InlineData("fromSeq", "0")]
    [InlineData("fromSeq", "x")]
    public async Task A_bad_or_future_resume_point_is_refused_before_the_stream_starts(string where, string value)
    {
        const string user = "ch-bad";
        (await _api.AddMessageAsync(user, "C2Cpeer", Messages.Body("m1", "peer", Messages.HourAgo))).Ok();
        using var request = new HttpRequestMessage(HttpMethod.Get, SseClient.Path(user) + (where == "fromSeq" ? $"?fromSeq={value}" : string.Empty));
        if (where != "fromSeq")
        {
            request.Headers.TryAddWithoutValidation(where, value);
        }

        var answer = await _api.SendAsync(request);

        answer.Refused(HttpStatusCode.BadRequest, 6017);
    }

    private static string Describe(SseEvent e) => e.Event == "totalUnreadChanged"
        ? $"{e.Id} {e.Event} {e.Data.GetProperty("totalUnreadCount").GetInt64()}"
        : $"{e.Id} {e.Event} {e.ConversationID}";
}
