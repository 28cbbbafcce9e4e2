using System.Net;
using System.Text.Json;
using ConversationActors.Gateway.Tests.Infrastructure;

namespace ConversationActors.Gateway.Tests.Audit;

/// <summary>SPEC 4.3 over HTTP: the event log and time travel folded from the journal.</summary>
public sealed class AuditTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private Api Api => fixture.Api;

    private static string Events(string userID, string query = "") => Paths.User(userID) + "/events" + query;

    [Fact]
    public async Task The_event_log_has_one_entry_per_accepted_write_with_seq_rising_by_one_from_one()
    {
        const string user = "audit-log";
        var t = Messages.HourAgo;
        (await Api.AddMessageAsync(user, "C2Cbob", Messages.Body("m1", "bob", t))).Ok();
        (await Api.AddMessageAsync(user, "C2Cbob", Messages.Body("m1", "bob", t))).Ok(); // duplicate: no entry
        (await Api.PutAsync(Paths.Conversation(user, "C2Cbob") + "/pin", """{"isPinned":true}""")).Ok();
        (await Api.PutAsync(Paths.Conversation(user, "C2Cbob") + "/pin", """{"isPinned":true}""")).Ok(); // no-op: no entry
        (await Api.PutAsync(Paths.Conversation(user, "C2Cbob") + "/recvOpt", """{"recvOpt":"LOUD"}""")).Refused(HttpStatusCode.BadRequest, 6017);
        (await Api.PutAsync(Paths.UserProfile("bob"), """{"nickname":"Bob"}""")).Ok(); // profiles: not in the user's journal
        (await Api.PostAsync(Paths.Conversation(user, "C2Cbob") + "/read")).Ok();

        var log = (await Api.GetAsync(Events(user))).Ok().EnumerateArray().ToArray();

        Assert.Equal([1L, 2L, 3L], log.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(["MessageAdded.v1", "ConversationPinned.v1", "ConversationRead.v1"], log.Select(e => e.GetProperty("type").GetString()));
        var first = log[0];
        Assert.Equal("C2Cbob", first.GetProperty("event").GetProperty("conversationID").GetString());
        Assert.Equal("m1", first.GetProperty("event").GetProperty("msgID").GetString());
        Assert.Equal(t, first.GetProperty("event").GetProperty("timestamp").GetInt64());
        Assert.InRange(first.GetProperty("timestamp").GetInt64(), Messages.Now - 60_000, Messages.Now);
        Assert.True(log[2].GetProperty("timestamp").GetInt64() >= first.GetProperty("timestamp").GetInt64());
    }

    [Fact]
    public async Task The_event_log_pages_by_fromSeq_and_limit()
    {
        const string user = "audit-pages";
        var t = Messages.HourAgo;
        for (var i = 1; i <= 5; i++)
        {
            (await Api.AddMessageAsync(user, "C2Cpeer" + i, Messages.Body("m" + i, "peer" + i, t + i))).Ok();
        }

        var page = (await Api.GetAsync(Events(user, "?fromSeq=2&limit=2"))).Ok().EnumerateArray().Select(e => e.GetProperty("seq").GetInt64());
        var tail = (await Api.GetAsync(Events(user, "?fromSeq=5&limit=1000"))).Ok().EnumerateArray().Select(e => e.GetProperty("seq").GetInt64());
        var beyond = (await Api.GetAsync(Events(user, "?fromSeq=6"))).Ok();

        Assert.Equal([2L, 3L], page);
        Assert.Equal([5L], tail);
        Assert.Equal(0, beyond.GetArrayLength());
        Assert.Equal(0, (await Api.GetAsync(Events("audit-nobody"))).Ok().GetArrayLength());
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=1001", "limit")]
    [InlineData("?limit=x", "limit")]
    [InlineData("?fromSeq=0", "fromSeq")]
    [InlineData("?fromSeq=-1", "fromSeq")]
    [InlineData("?fromSeq=1&fromSeq=2", "fromSeq")]
    public async Task Bad_event_log_parameters_are_refused_naming_the_parameter(string query, string field)
    {
        var answer = (await Api.GetAsync(Events("audit-bad", query))).Refused(HttpStatusCode.BadRequest, 6017);
        Assert.Contains(field, answer.Desc);
    }

    [Fact]
    public async Task As_of_seq_gives_exactly_the_list_the_live_service_answered_after_that_event()
    {
        const string user = "audit-asofseq";
        var t = Messages.HourAgo;
        var liveAfter = new List<string>();
        async Task Write(Func<Task<Answer>> write)
        {
            (await write()).Ok();
            liveAfter.Add(Canonical((await Api.ListAsync(user)).Ok()));
        }

        await Write(() => Api.AddMessageAsync(user, "C2Cbob", Messages.Body("m1", "bob", t)));
        await Write(() => Api.AddMessageAsync(user, "GROUPteam", Messages.Body("g1", "carol", t + 1, more: b => b["atAll"] = true)));
        await Write(() => Api.PutAsync(Paths.Conversation(user, "C2Cbob") + "/pin", """{"isPinned":true}"""));
        await Write(() => Api.PutAsync(Paths.Conversation(user, "GROUPteam") + "/draft", """{"draftText":"later"}"""));
        await Write(() => Api.PostAsync(Paths.Conversation(user, "GROUPteam") + "/read"));
        await Write(() => Api.DeleteAsync(Paths.Conversation(user, "C2Cbob")));
        await Write(() => Api.AddMessageAsync(user, "C2Cbob", Messages.Body("m2", "bob", t + 2)));

        for (var seq = 1; seq <= liveAfter.Count; seq++)
        {
            var replayed = (await Api.ListAsync(user, $"?asOfSeq={seq}")).Ok();
            Assert.Equal(liveAfter[seq - 1], Canonical(replayed));
        }

        Assert.Equal(0, (await Api.ListAsync(user, "?asOfSeq=0")).Ok().GetProperty("conversationList").GetArrayLength());
    }

    [Fact]
    public async Task As_of_seq_combines_with_paging_and_single_get()
    {
        const string user = "audit-asof-paged";
        var t = Messages.HourAgo;
        for (var i = 1; i <= 4; i++)
        {
            (await Api.AddMessageAsync(user, "C2Cp" + i, Messages.Body("m" + i, "p" + i, t + i))).Ok();
        }

        (await Api.DeleteAsync(Paths.Conversation(user, "C2Cp2"))).Ok();

        var first = (await Api.ListAsync(user, "?asOfSeq=3&count=2")).Ok();
        var next = first.GetProperty("nextSeq").GetString();
        var second = (await Api.ListAsync(user, $"?asOfSeq=3&count=2&nextSeq={Uri.EscapeDataString(next!)}")).Ok();

        Assert.Equal(["C2Cp3", "C2Cp2"], Ids(first));
        Assert.False(first.GetProperty("isFinished").GetBoolean());
        Assert.Equal(["C2Cp1"], Ids(second));
        Assert.True(second.GetProperty("isFinished").GetBoolean());
        Assert.Equal("C2Cp2", (await Api.GetAsync(Paths.Conversation(user, "C2Cp2") + "?asOfSeq=4")).Ok().GetProperty("conversationID").GetString());
        (await Api.GetAsync(Paths.Conversation(user, "C2Cp2") + "?asOfSeq=5")).Refused(HttpStatusCode.NotFound, 6004);
        (await Api.GetAsync(Paths.Conversation(user, "C2Cp2"))).Refused(HttpStatusCode.NotFound, 6004);
    }

    [Fact]
    public async Task As_of_a_time_folds_the_events_recorded_until_then_and_judges_retention_at_that_moment()
    {
        const string user = "audit-asof-time";
        var t = Messages.HourAgo;
        (await Api.AddMessageAsync(user, "C2Cold", Messages.Body("m1", "old", t))).Ok();
        var firstRecorded = (await Api.GetAsync(Paths.User(user) + "/events")).Ok()[0].GetProperty("timestamp").GetInt64();
        while (Messages.Now <= firstRecorded)
        {
            // The second write must get a later server millisecond than the first.
            await Task.Yield();
        }

        (await Api.AddMessageAsync(user, "C2Cnew", Messages.Body("m2", "new", t + 1))).Ok();
        var log = (await Api.GetAsync(Paths.User(user) + "/events")).Ok().EnumerateArray().ToArray();
        var firstAt = DateTimeOffset.FromUnixTimeMilliseconds(log[0].GetProperty("timestamp").GetInt64());
        var secondAt = DateTimeOffset.FromUnixTimeMilliseconds(log[1].GetProperty("timestamp").GetInt64());
        Assert.True(firstAt < secondAt, "the two writes need distinct server times");

        var atFirst = (await Api.ListAsync(user, "?asOf=" + Uri.EscapeDataString(firstAt.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz")))).Ok();
        var atSecond = (await Api.ListAsync(user, "?asOf=" + Uri.EscapeDataString(secondAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ")))).Ok();
        var tenDaysLater = (await Api.ListAsync(user, "?asOf=" + Uri.EscapeDataString(secondAt.AddDays(10).ToString("O")))).Ok();
        var beforeAll = (await Api.ListAsync(user, "?asOf=2020-01-01T00:00:00Z")).Ok();

        Assert.Equal(["C2Cold"], Ids(atFirst));
        Assert.Equal(["C2Cnew", "C2Cold"], Ids(atSecond));
        Assert.Empty(Ids(tenDaysLater));
        Assert.Empty(Ids(beforeAll));
    }

    [Theory]
    [InlineData("?asOfSeq=99", "beyond the end")]
    [InlineData("?asOfSeq=-1", "asOfSeq")]
    [InlineData("?asOfSeq=abc", "asOfSeq")]
    [InlineData("?asOf=2026-11-21T10:00:00", "zone")]
    [InlineData("?asOf=yesterday", "asOf")]
    [InlineData("?asOf=2026-11-21T10:00:00Z&asOfSeq=1", "not both")]
    public async Task Bad_time_travel_parameters_are_refused(string query, string words)
    {
        const string user = "audit-bad-asof";
        (await Api.AddMessageAsync(user, "C2Cbob", Messages.Body("m1", "bob", Messages.HourAgo))).Ok();

        var answer = (await Api.ListAsync(user, query)).Refused(HttpStatusCode.BadRequest, 6017);

        Assert.Contains(words, answer.Desc);
    }

    private static string[] Ids(JsonElement data) =>
        data.GetProperty("conversationList").EnumerateArray().Select(c => c.GetProperty("conversationID").GetString()!).ToArray();

    /// <summary>The list without the cursor (cursors are opaque; the positions are compared through the items).</summary>
    private static string Canonical(JsonElement data) => data.GetProperty("conversationList").GetRawText();
}
