using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ConversationActors.Gateway.Tests.Infrastructure;
using ConversationActors.Gateway.WebConsole;

namespace ConversationActors.Gateway.Tests;

/// <summary>
/// The web console's files (issue 17): embedded, served at /console/ with a content security policy and ETags, and
/// complete — every file the page or a module refers to is served. The page itself is tested in Chromium
/// (tests/console); these run without a browser, in --quick too.
/// </summary>
public sealed partial class ConsoleTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly HttpClient _http = fixture.Api.Http;

    [Fact]
    public async Task The_console_without_a_slash_leads_to_the_page_and_the_page_carries_a_content_security_policy()
    {
        using var response = await _http.GetAsync("/console");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/console/", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Every_file_the_page_and_its_modules_refer_to_is_embedded_and_served()
    {
        var assets = ConsoleAssets.Embedded;
        Assert.Contains("index.html", assets.Paths);
        Assert.Contains("client/index.js", assets.Paths);
        var missing = new List<string>();
        var references = 0;
        foreach (var path in assets.Paths.Where(p => p.EndsWith(".js", StringComparison.Ordinal) || p.EndsWith(".html", StringComparison.Ordinal)))
        {
            var text = System.Text.Encoding.UTF8.GetString(assets.Find(path)!.Bytes);
            var folder = path.Contains('/', StringComparison.Ordinal) ? path[..(path.LastIndexOf('/') + 1)] : string.Empty;
            foreach (Match reference in References().Matches(text))
            {
                references++;
                var target = Normalize(folder + reference.Groups["path"].Value);
                if (assets.Find(target) is null)
                {
                    missing.Add($"{path} → {reference.Groups["path"].Value}");
                }
            }
        }

        Assert.Empty(missing);
        Assert.True(references > 20, $"only {references} references found: is the pattern still right?");
        foreach (var path in assets.Paths)
        {
            using var response = await _http.GetAsync("/console/" + path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(assets.Find(path)!.Bytes, await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task A_file_the_browser_already_has_answers_304_and_an_unknown_one_404_in_an_envelope()
    {
        using var first = await _http.GetAsync("/console/app.js");
        Assert.Equal("text/javascript", first.Content.Headers.ContentType!.MediaType);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/console/app.js");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var cached = await _http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, cached.StatusCode);

        var unknown = await fixture.Api.GetAsync("/console/nothing.js");
        unknown.Refused(HttpStatusCode.NotFound, 6017);
        Assert.Contains("nothing.js", unknown.Desc, StringComparison.Ordinal);
    }

    private static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part == "..")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else if (part is not "." and not "")
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }

    /// <summary>Relative module imports (<c>from "./x.js"</c>) and the page's <c>src</c>/<c>href</c> to local files.</summary>
    [GeneratedRegex(@"(?:from\s+|import\s+|src=|href=)""(?<path>\.{0,2}/?[A-Za-z0-9_\-./]+\.(?:js|css))""")]
    private static partial Regex References();
}
