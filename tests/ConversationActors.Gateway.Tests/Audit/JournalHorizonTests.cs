using System.Net;
using System.Text.Json;
using ConversationActors.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ConversationActors.Gateway.Tests.Audit;

/// <summary>A host with the journal's life cycle on (retention 90d, a snapshot every 4 events) on a clock the test moves.</summary>
public sealed class CompactingJournalFixture : GatewayFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override TimeProvider? Time => Clock;

    protected override string ExtraHocon => """
        conversation-actors.snapshot-every = 4
        conversation-actors.retention = 0
        conversation-actors.journal.retention = 90d
        # A resume within the entity's recent history is served from memory; a one-event history sends resumes to the journal.
        conversation-actors.changes.history-size = 1
        """;
}

/// <summary>
/// Issue 15 over HTTP: after the journal's life cycle deleted the events before its horizon, time travel, the event
/// log and change-feed resumes before the horizon answer 6017 naming it; at or after it they answer as before.
/// </summary>
public sealed class JournalHorizonTests(CompactingJournalFixture fixture) : IClassFixture<CompactingJournalFixture>
{
    private const string User = "horizon-owner";
    private Api Api => fixture.Api;

    [Fact]
    public async Task Requests_before_the_horizon_answer_6017_naming_it_and_the_rest_answers_as_before_the_compaction()
    {
        var clock = fixture.Clock;
        long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = 1; i <= 8; i++)
        {
            (await Api.AddMessageAsync(User, "C2Cpeer" + (i % 3), Messages.Body("old" + i, "peer" + (i % 3), Now() - 1000 + i))).Ok();
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var horizonTime = (await Api.GetAsync(Events("?fromSeq=8&limit=1"))).Ok()[0].GetProperty("timestamp").GetInt64();
        var atEight = Json((await Api.ListAsync(User, "?asOfSeq=8")).Ok());
        clock.Advance(TimeSpan.FromDays(91));
        for (var i = 1; i <= 4; i++)
        {
            (await Api.AddMessageAsync(User, "C2Cnew" + i, Messages.Body("new" + i, "new" + i, Now()))).Ok();
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var live = Json((await Api.ListAsync(User)).Ok());

        // The compaction runs after the snapshot after event 12 is saved: wait until the log starts after event 8.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        Answer early;
        while ((early = await Api.GetAsync(Events("?fromSeq=1"))).Status == HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        early.Refused(HttpStatusCode.BadRequest, 6017);
        Assert.Contains("fromSeq: event 1 is before the horizon", early.Desc);
        Assert.Contains("history starts after event 8", early.Desc);
        Assert.Equal([9L, 10L, 11L, 12L], (await Api.GetAsync(Events("?fromSeq=9"))).Ok().EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal([9L, 10L, 11L, 12L], (await Api.GetAsync(Events())).Ok().EnumerateArray().Select(e => e.GetProperty("seq").GetInt64())); // from where history starts

        var beforeSeq = (await Api.ListAsync(User, "?asOfSeq=7")).Refused(HttpStatusCode.BadRequest, 6017);
        Assert.Contains("asOfSeq: event 7 is before the horizon", beforeSeq.Desc);
        Assert.Contains("after event 8", beforeSeq.Desc);
        var beforeTime = DateTimeOffset.FromUnixTimeMilliseconds(horizonTime - 1).ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        var beforeMoment = (await Api.ListAsync(User, "?asOf=" + beforeTime)).Refused(HttpStatusCode.BadRequest, 6017);
        Assert.Contains("asOf: ", beforeMoment.Desc);
        Assert.Contains("after event 8", beforeMoment.Desc);

        Assert.Equal(atEight, Json((await Api.ListAsync(User, "?asOfSeq=8")).Ok()));
        Assert.Equal(live, Json((await Api.ListAsync(User)).Ok()));

        using var resume = new HttpRequestMessage(HttpMethod.Get, Paths.Conversations(User) + "/changes");
        resume.Headers.Add("Last-Event-ID", "3");
        var refusedResume = (await Api.SendAsync(resume)).Refused(HttpStatusCode.BadRequest, 6017);
        Assert.Contains("Last-Event-ID", refusedResume.Desc);
        Assert.Contains("after event 8", refusedResume.Desc);
    }

    private static string Events(string query = "") => Paths.User(User) + "/events" + query;

    private static string Json(JsonElement element) => element.GetRawText();
}
