using System.Net;
using System.Text.RegularExpressions;
using ConversationActors.Gateway.Tests.Infrastructure;
using ConversationActors.TestSupport.Repository;

namespace ConversationActors.Gateway.Tests;

/// <summary>
/// SPEC 6: /metrics serves Prometheus text with HTTP, runtime and the service's own metrics; issue 31: every metric the
/// alert rules in config/prometheus name (the cluster's gauges: <see cref="ClusterReleaseTests"/>, in real processes).
/// </summary>
public sealed partial class MetricsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    /// <summary>PromQL words that are not metric names: functions are told apart by their "(", these are not.</summary>
    private static readonly HashSet<string> PromQlWords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset",
    };

    [Fact]
    public async Task Metrics_count_writes_by_outcome_and_time_the_asks()
    {
        var api = fixture.Api;
        (await api.AddMessageAsync("metrics-user", "C2Cbob", Messages.Body("m1", "bob", Messages.HourAgo))).Ok();
        (await api.AddMessageAsync("metrics-user", "C2Cbob", Messages.Body("m1", "bob", Messages.HourAgo))).Ok();
        (await api.PostAsync(Paths.Conversation("metrics-user", "C2Cnobody") + "/read")).Refused(HttpStatusCode.NotFound, 6004);

        using var response = await api.Http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"conversation_actors_writes_total\{[^}]*outcome=""applied""[^}]*\} [1-9]", text);
        Assert.Matches(@"conversation_actors_writes_total\{[^}]*outcome=""unchanged""[^}]*\} [1-9]", text);
        Assert.Matches(@"conversation_actors_writes_total\{[^}]*outcome=""ConversationNotFound""[^}]*\} [1-9]", text);
        Assert.Contains("conversation_actors_ask_duration_seconds_bucket", text);
        Assert.Contains("http_server_request_duration_seconds", text);
        Assert.Matches(@"conversation_actors_store_available(\{[^}]*\})? 1", text);
        Assert.Matches(@"conversation_actors_store_outage_seconds(\{[^}]*\})? 0", text);
    }

    [Fact]
    public async Task Every_metric_the_alert_rules_name_is_in_a_real_scrape()
    {
        (await fixture.Api.AddMessageAsync("alerts-user", "C2Cbob", Messages.Body("a1", "bob", Messages.HourAgo))).Ok();
        var named = AlertExpressions(await File.ReadAllTextAsync(RepositoryFiles.PathOf("config/prometheus/alerts.yml")))
            .SelectMany(MetricNames)
            .ToHashSet(StringComparer.Ordinal);
        // The reading of the rules found what they are about (an empty set would pass the check below).
        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                "conversation_actors_store_available", "conversation_actors_cluster_unreachable_members",
                "conversation_actors_entity_faults_total", "http_server_request_duration_seconds_count",
            },
            named);

        var text = await ScrapeAsync();

        var exported = SeriesNameRegex().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(exported, named);
    }

    private async Task<string> ScrapeAsync()
    {
        using var response = await fixture.Api.Http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The <c>expr</c> of each rule: on its line, or the lines indented under <c>expr: &gt;-</c> / <c>|</c>.</summary>
    private static IEnumerable<string> AlertExpressions(string yaml)
    {
        var lines = yaml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var match = ExprRegex().Match(lines[i]);
            if (!match.Success)
            {
                continue;
            }

            var value = match.Groups[2].Value.Trim();
            if (value is not (">-" or ">" or "|" or "|-"))
            {
                yield return value;
                continue;
            }

            var indent = match.Groups[1].Value.Length;
            var block = new List<string>();
            while (i + 1 < lines.Length && (lines[i + 1].Length - lines[i + 1].TrimStart().Length > indent || lines[i + 1].Trim().Length == 0))
            {
                block.Add(lines[++i].Trim());
            }

            yield return string.Join(" ", block);
        }
    }

    /// <summary>The metric names of a PromQL expression: its identifiers but label matchers, ranges, strings, functions and keywords.</summary>
    private static IEnumerable<string> MetricNames(string expression)
    {
        var bare = NotNamesRegex().Replace(expression, " ");
        return IdentifierRegex().Matches(bare)
            .Where(m => !bare.AsSpan(m.Index + m.Length).TrimStart().StartsWith("(") && !PromQlWords.Contains(m.Value))
            .Select(m => m.Value);
    }

    [GeneratedRegex(@"^(\s*)expr:(.*)$")]
    private static partial Regex ExprRegex();

    /// <summary>Label matchers <c>{…}</c>, ranges <c>[…]</c>, strings, and the label lists of by/without/on/ignoring.</summary>
    [GeneratedRegex(@"\{[^}]*\}|\[[^\]]*\]|""[^""]*""|\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex NotNamesRegex();

    [GeneratedRegex(@"(?<![\w.])[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex IdentifierRegex();

    /// <summary>The name of each sample line of a scrape.</summary>
    [GeneratedRegex(@"(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]")]
    private static partial Regex SeriesNameRegex();
}
