using System.Text.Json.Nodes;
using ConversationActors.Gateway.Tests.Infrastructure;

namespace ConversationActors.Gateway.Tests;

/// <summary>SPEC 4.2 durability over HTTP: a new host on the same SQLite file answers exactly what the old one did.</summary>
public sealed class RestartTests : IDisposable
{
    // Snapshots every 5 events, so one user recovers from a snapshot plus a tail and the other from events only.
    private const string Hocon = "conversation-actors.snapshot-every = 5";
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_host_restarted_on_the_same_database_answers_every_query_byte_for_byte_as_before()
    {
        var t = Messages.HourAgo;
        List<string> before;
        await using (var first = await GatewayHost.StartAsync(_folder.Database, Hocon))
        {
            await WriteStoryAsync(first.Api, t);
            before = await ReadEverythingAsync(first.Api);
        }

        Assert.True(new FileInfo(_folder.Database).Length > 0, "the host did not write the SQLite file it was given");
        await using var second = await GatewayHost.StartAsync(_folder.Database, Hocon);
        var after = await ReadEverythingAsync(second.Api);

        Assert.Equal(before, after);
    }

    public void Dispose() => _folder.Dispose();

    private static async Task WriteStoryAsync(Api api, long t)
    {
        const string user = "rs-owner";
        (await api.PutAsync(Paths.UserProfile("rs-ann"), """{"nickname":"Ann","faceUrl":"https://img/a.png","selfSignature":"s"}""")).Ok();
        (await api.PutAsync(Paths.GroupProfile("rs-team"), """{"name":"Team","groupType":"Public","memberCount":3}""")).Ok();
        for (var i = 0; i < 6; i++)
        {
            (await api.AddMessageAsync(user, $"C2Crs-p{i}", Messages.Body($"m{i}", $"rs-p{i}", t + i))).Ok();
        }

        (await api.AddMessageAsync(user, "C2Crs-ann", Messages.Body("a1", "rs-ann", t + 10))).Ok();
        (await api.AddMessageAsync(user, "C2Crs-ann", Messages.Body("a2", "rs-ann", t + 11))).Ok();
        (await api.AddMessageAsync(user, "GROUPrs-team", Messages.Body("g1", "rs-ann", t + 12, more: b => b["atAll"] = true))).Ok();
        (await api.PutAsync(Paths.Conversation(user, "C2Crs-p1") + "/pin", """{"isPinned":true}""")).Ok();
        (await api.PutAsync(Paths.Conversation(user, "C2Crs-p2") + "/draft", """{"draftText":"later"}""")).Ok();
        (await api.PutAsync(Paths.Conversation(user, "C2Crs-p3") + "/recvOpt", """{"recvOpt":"NOT_RECEIVE"}""")).Ok();
        (await api.PostAsync(Paths.Conversation(user, "C2Crs-ann") + "/read", $$"""{"upToTimestamp":{{t + 10}}}""")).Ok();
        (await api.PostAsync(Paths.Conversation(user, "C2Crs-p4") + "/messages/m4/revoke")).Ok();
        (await api.PostAsync(Paths.Conversation(user, "C2Crs-p5") + "/clearHistory")).Ok();
        (await api.DeleteAsync(Paths.Conversation(user, "C2Crs-p0"))).Ok();
        (await api.PutAsync(Paths.Remark(user, "rs-ann"), """{"remark":"Annie"}""")).Ok();
        var fanOut = Messages.FanOut("f1", "rs-owner", t + 20, b => b["receiverID"] = "rs-small");
        (await api.PostAsync("/v1/messages", fanOut)).Ok();
    }

    private static async Task<List<string>> ReadEverythingAsync(Api api)
    {
        const string user = "rs-owner";
        var firstPage = await api.ListAsync(user, "?nextSeq=0&count=3");
        var cursor = firstPage.Ok().Str("nextSeq")!;
        var answers = new[]
        {
            await api.ListAsync(user),
            firstPage,
            await api.ListAsync(user, $"?nextSeq={Uri.EscapeDataString(cursor)}&count=3"),
            await api.PostAsync(Paths.Conversations(user) + "/batch", new JsonObject { ["conversationIDList"] = new JsonArray("GROUPrs-team", "C2Crs-p0", "C2Crs-ann") }.ToJsonString()),
            await api.GetAsync(Paths.Conversation(user, "C2Crs-ann") + "/profile"),
            await api.GetAsync(Paths.Conversation(user, "GROUPrs-team") + "/profile"),
            await api.GetAsync(Paths.Conversation(user, "C2Crs-p2")),
            await api.GetAsync(Paths.Unread(user)),
            await api.GetAsync(Paths.UserProfile("rs-ann")),
            await api.GetAsync(Paths.GroupProfile("rs-team")),
            await api.ListAsync("rs-small"),
            await api.GetAsync(Paths.Unread("rs-small")),
        };
        Assert.All(answers, a => a.Ok());
        return answers.Select(a => a.Body).ToList();
    }
}
