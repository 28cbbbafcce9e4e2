using System.Globalization;
using System.Net;
using ConversationActors.Gateway.Tests.Infrastructure;
using ConversationActors.TestSupport.Security;

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

    /// <summary>A 429 envelope with code 7008, a desc saying when to retry and a Retry-After of 1 s up to the window.</summary>
    private static void LimitedAnswer(Answer answer)
    {
        answer.Refused(HttpStatusCode.TooManyRequests, 7008);
        Assert.Contains("retry after", answer.Desc, StringComparison.Ordinal);
        Assert.NotNull(answer.RetryAfter);
        Assert.InRange(int.Parse(answer.RetryAfter, CultureInfo.InvariantCulture), 1, (int)TinyRateLimitFixture.Window.TotalSeconds);
    }

    /// <summary>Every answer is either served (200) or limited (a full 429); some are limited; at most two windows' worth served.</summary>
    private static void ServedOrLimited(IReadOnlyList<Answer> answers)
    {
        foreach (var answer in answers)
        {
            if (answer.Status == HttpStatusCode.TooManyRequests)
            {
                LimitedAnswer(answer);
            }
            else
            {
                answer.Ok();
            }
        }

        Assert.Contains(answers, a => a.Status == HttpStatusCode.TooManyRequests);
        Assert.True(answers.Count(a => a.Status == HttpStatusCode.OK) <= 2 * TinyRateLimitFixture.Permits, "at most two windows' worth were served");
    }

    private async Task<IReadOnlyList<Answer>> BurstAsync(string? token, string userID)
    {
        var answers = new List<Answer>();
        for (var i = 0; i < 3 * TinyRateLimitFixture.Permits; i++)
        {
            answers.Add(await _api.SendAsync(token, HttpMethod.Get, Paths.Unread(userID)));
        }

        return answers;
    }

    [Fact]
    public async Task A_token_beyond_its_budget_gets_429_with_code_7008_and_is_served_again_after_the_window()
    {
        var token = Tokens.User("limited-1");
        ServedOrLimited(await BurstAsync(token, "limited-1"));

        // Poll (bounded by a few windows) until the window has passed: every answer meanwhile is a full 429.
        var deadline = DateTime.UtcNow + (5 * TinyRateLimitFixture.Window);
        while (true)
        {
            var answer = await _api.SendAsync(token, HttpMethod.Get, Paths.Unread("limited-1"));
            if (answer.Status == HttpStatusCode.OK)
            {
                answer.Ok();
                break;
            }

            LimitedAnswer(answer);
            Assert.True(DateTime.UtcNow < deadline, $"not served again within {5 * TinyRateLimitFixture.Window.TotalSeconds} s");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    [Fact]
    public async Task The_budget_is_per_token_so_one_busy_user_does_not_slow_another()
    {
        ServedOrLimited(await BurstAsync(Tokens.User("limited-2"), "limited-2"));

        (await _api.SendAsync(Tokens.User("limited-3"), HttpMethod.Get, Paths.Unread("limited-3"))).Ok();
        (await _api.SendAsync(Tokens.Admin(), HttpMethod.Get, Paths.Unread("limited-2"))).Ok();
    }

    [Fact]
    public async Task Requests_without_a_valid_token_share_their_client_addresses_budget_and_get_429_beyond_it()
    {
        var answers = await BurstAsync(null, "anyone");

        foreach (var answer in answers)
        {
            if (answer.Status == HttpStatusCode.TooManyRequests)
            {
                LimitedAnswer(answer);
            }
            else
            {
                answer.Refused(HttpStatusCode.Unauthorized, 70001);
            }
        }

        Assert.Contains(answers, a => a.Status == HttpStatusCode.TooManyRequests);
    }
}
