using System.Net;
using System.Text;
using ConversationActors.Gateway.Tests.Infrastructure;

namespace ConversationActors.Gateway.Tests;

/// <summary>
/// SPEC 4.4: no request, however malformed, gets a 500; each refusal has its status, code and a desc
/// naming the field; and a 4xx refusal changes nothing (the canary's state is the same byte for byte).
/// </summary>
public sealed class BadRequestTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly long SeedTime = Messages.HourAgo;
    private readonly Api _api = fixture.Api;

    public static IEnumerable<object[]> Rows => BadRequestTable.Names;

    [Fact]
    public void The_table_holds_at_least_60_malformed_requests_with_distinct_names()
    {
        Assert.True(BadRequestTable.All.Count >= 60, $"only {BadRequestTable.All.Count} rows");
        Assert.Equal(BadRequestTable.All.Count, BadRequestTable.All.Select(r => r.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Each_malformed_request_is_refused_with_its_status_and_code_and_a_desc_naming_the_field(string name)
    {
        await SeedCanaryAsync();

        var problem = await CheckAsync(BadRequestTable.Get(name));

        Assert.Null(problem);
    }

    [Fact]
    public async Task The_whole_table_leaves_the_canary_users_list_unread_and_profiles_byte_for_byte_unchanged()
    {
        await SeedCanaryAsync();
        var before = await CanaryStateAsync();

        var problems = new List<string>();
        foreach (var row in BadRequestTable.All)
        {
            if (await CheckAsync(row) is { } problem)
            {
                problems.Add(problem);
            }
        }

        Assert.Empty(problems);
        Assert.Equal(before, await CanaryStateAsync());
    }

    /// <summary>Null when the row answered as expected, else what went wrong.</summary>
    private async Task<string?> CheckAsync(BadRequest row)
    {
        var now = Messages.Now;
        var body = row.Body?.Replace("{future}", (now + 6 * 60_000).ToString()).Replace("{now}", now.ToString());
        using var request = new HttpRequestMessage(new HttpMethod(row.Method), row.Path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        }

        var answer = await _api.SendAsync(request);
        if ((int)answer.Status >= 500)
        {
            return $"{row.Name}: a server error {answer}";
        }

        try
        {
            answer.Refused((HttpStatusCode)row.Status, row.Code);
            return answer.Desc.Contains(row.Mentions, StringComparison.Ordinal)
                ? null
                : $"{row.Name}: desc does not name '{row.Mentions}': {answer}";
        }
        catch (Exception e) when (e is Xunit.Sdk.XunitException)
        {
            return $"{row.Name}: {e.Message.ReplaceLineEndings(" ")}";
        }
    }

    /// <summary>Idempotent: the same msgIDs and values every time, so each test may call it.</summary>
    private async Task SeedCanaryAsync()
    {
        (await _api.AddMessageAsync(BadRequestTable.Canary, "C2C" + BadRequestTable.Peer, Messages.Body("seed-1", BadRequestTable.Peer, SeedTime))).Ok();
        (await _api.AddMessageAsync(BadRequestTable.Canary, "C2C" + BadRequestTable.Peer, Messages.Body("seed-2", BadRequestTable.Peer, SeedTime + 1))).Ok();
        (await _api.AddMessageAsync(BadRequestTable.Canary, "GROUP" + BadRequestTable.Group, Messages.Body("seed-g", BadRequestTable.Peer, SeedTime + 2))).Ok();
        (await _api.PutAsync(Paths.Conversation(BadRequestTable.Canary, "C2C" + BadRequestTable.Peer) + "/draft", """{"draftText":"canary draft"}""")).Ok();
        (await _api.PutAsync(Paths.UserProfile(BadRequestTable.Peer), """{"nickname":"Canary peer","faceUrl":"https://img/cp.png"}""")).Ok();
        (await _api.PutAsync(Paths.GroupProfile(BadRequestTable.Group), """{"name":"Canary group","memberCount":2,"groupType":"Work"}""")).Ok();
    }

    private async Task<string> CanaryStateAsync()
    {
        var parts = new[]
        {
            await _api.ListAsync(BadRequestTable.Canary),
            await _api.GetAsync(Paths.Unread(BadRequestTable.Canary)),
            await _api.GetAsync(Paths.Conversation(BadRequestTable.Canary, "C2C" + BadRequestTable.Peer) + "/profile"),
            await _api.GetAsync(Paths.Conversation(BadRequestTable.Canary, "GROUP" + BadRequestTable.Group) + "/profile"),
            await _api.GetAsync(Paths.UserProfile(BadRequestTable.Peer)),
            await _api.GetAsync(Paths.GroupProfile(BadRequestTable.Group)),
            await _api.GetAsync(Paths.UserProfile(BadRequestTable.Canary)),
            await _api.GetAsync(Paths.User(BadRequestTable.Canary) + "/conversationGroups"),
        };
        Assert.All(parts, p => p.Ok());
        return string.Join("\n", parts.Select(p => p.Body));
    }
}
