using System.Net;
using ConversationActors.Gateway.Tests.Infrastructure;

namespace ConversationActors.Gateway.Tests.Security;

/// <summary>A host whose tokens may send 5 requests per 2 s window (admin tokens: unlimited).</summary>
public sealed class TinyRateLimitFixture : GatewayFixture
{
    public const int Permits = 5;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    protected override string ExtraHocon =>
        Tokens.Hocon + $"\nconversation-actors.rate-limit.permits = {Permits}\nconversation-actors.rate-limit.window = 2s\nconversation-actors.rate-limit.admin-permits = 0";
}

/// <summary>SPEC 5: per-token rate limiting (ASP.NET Core's limiter): 429 with code 7008 beyond it, served again after the window.</summary>
public sealed class RateLimitTests(TinyRateLimitFixture fixture) : IClassFixture<TinyRateLimitFixture>
{
    private readonly Api _api = fixture.Api;

    [Fact]
    public async Task A_token_beyond_its_budget_gets_429_with_code_7008_and_is_served_again_after_the_window()
    {
        var token = Tokens.User("limited-1");
        var answers = new List<Answer>();
        for (var i = 0; i < 3 * TinyRateLimitFixture.Permits; i++)
        {
            answers.Add(await _api.SendAsync(token, HttpMethod.Get, Paths.Unread("limited-1")));
        }

        var limited = answers.Where(a => a.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        limited[0].Refused(HttpStatusCode.TooManyRequests, 7008);
        Assert.Contains("retry after", limited[0].Desc, StringComparison.Ordinal);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.TooManyRequests), a => a.Ok());
        Assert.True(answers.Count(a => a.Status == HttpStatusCode.OK) <= 2 * TinyRateLimitFixture.Permits, "at most two windows' worth were served");

        await Task.Delay(TinyRateLimitFixture.Window + TimeSpan.FromMilliseconds(300));

        (await _api.SendAsync(token, HttpMethod.Get, Paths.Unread("limited-1"))).Ok();
    }

    [Fact]
    public async Task The_budget_is_per_token_so_one_busy_user_does_not_slow_another()
    {
        var busy = Tokens.User("limited-2");
        for (var i = 0; i < 3 * TinyRateLimitFixture.Permits; i++)
        {
            await _api.SendAsync(busy, HttpMethod.Get, Paths.Unread("limited-2"));
        }

        (await _api.SendAsync(Tokens.User("limited-3"), HttpMethod.Get, Paths.Unread("limited-3"))).Ok();
        (await _api.SendAsync(Tokens.Admin(), HttpMethod.Get, Paths.Unread("limited-2"))).Ok();
    }

    [Fact]
    public async Task Requests_without_a_valid_token_share_their_client_addresses_budget_and_get_429_beyond_it()
    {
        var answers = new List<Answer>();
        for (var i = 0; i < 3 * TinyRateLimitFixture.Permits; i++)
        {
            answers.Add(await _api.SendAsync(null, HttpMethod.Get, Paths.Unread("anyone")));
        }

        Assert.Contains(answers, a => a.Status == HttpStatusCode.TooManyRequests && a.Code == 7008);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.TooManyRequests), a => a.Refused(HttpStatusCode.Unauthorized, 70001));
        using var response = await _api.Http.GetAsync(Paths.Unread("anyone"));
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            Assert.NotNull(response.Headers.RetryAfter);
        }
    }
}
