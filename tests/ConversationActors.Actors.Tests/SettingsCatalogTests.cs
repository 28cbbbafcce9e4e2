using Akka.Configuration;
using ConversationActors.Actors.Configuration;
using ConversationActors.Actors.Tests.Support;

namespace ConversationActors.Actors.Tests;

/// <summary>Issue #18 one settings model: every setting read through the catalog, validated at start, and listed once.</summary>
public sealed class SettingsCatalogTests
{
    private const string Sqlite = "conversation-actors.sqlite.connection-string = \"Data Source=/tmp/settings-test.db\"";

    [Fact]
    public void The_README_settings_table_is_the_catalogs()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var start = readme.IndexOf("<!-- settings:begin", StringComparison.Ordinal);
        var end = readme.IndexOf("<!-- settings:end -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md lacks the settings markers");
        var table = readme[(readme.IndexOf('\n', start) + 1)..end];

        Assert.True(
            SettingsCatalog.MarkdownTable() == table,
            "README's settings table differs from SettingsCatalog; regenerate it with `convctl settings`:\n" + SettingsCatalog.MarkdownTable());
    }

    [Fact]
    public void Every_catalog_setting_is_in_the_config_files_and_its_default_loads()
    {
        var config = AkkaConfigLoader.Load(TestNode.ConfigDirectory, Sqlite);

        Assert.All(SettingsCatalog.All, s => Assert.True(config.HasPath(s.Path) || s.Key == "postgres.connection-string", $"{s.Path} is not in config/"));
        var node = NodeSettings.From(config, TimeProvider.System);
        var edge = EdgeSettings.From(config);
        Assert.Equal(1000, node.Entities.SnapshotEvery);
        Assert.Equal(512, node.Fold.SummaryMaxChars);
        Assert.Equal(32768, edge.MaxHeaderBytes);
    }

    [Fact]
    public void The_store_breaker_settings_reach_the_journal_and_the_snapshot_store_of_both_stores()
    {
        foreach (var store in new[] { Sqlite, "conversation-actors.store = postgres" })
        {
            var config = AkkaConfigLoader.Load(TestNode.ConfigDirectory, store + "\nconversation-actors.store-breaker.reset-timeout = 250ms");

            foreach (var plugin in new[] { "akka.persistence.journal.sql", "akka.persistence.snapshot-store.sql" })
            {
                Assert.Equal(TimeSpan.FromMilliseconds(250), config.GetTimeSpan(plugin + ".circuit-breaker.reset-timeout"));
                Assert.Equal(5, config.GetInt(plugin + ".circuit-breaker.max-failures"));
                Assert.Equal(TimeSpan.FromSeconds(5), config.GetTimeSpan(plugin + ".circuit-breaker.call-timeout"));
            }

            Assert.Equal(TimeSpan.FromSeconds(5), config.GetTimeSpan("akka.persistence.journal.sql.recovery-event-timeout"));
        }
    }

    [Theory]
    [InlineData("store-breaker.reset-timeout = 0s", "conversation-actors.store-breaker.reset-timeout must be 100ms to 10m")]
    [InlineData("snapshot-every = 0", "conversation-actors.snapshot-every must be 1 to 10,000,000, got \"0\" (environment variable CONVERSATION_ACTORS_SNAPSHOT_EVERY)")]
    [InlineData("snapshot-every = -5", "conversation-actors.snapshot-every must be 1 to 10,000,000")]
    [InlineData("batch-max = -1", "conversation-actors.batch-max must be 1 to 10,000")]
    [InlineData("batch-max = many", "conversation-actors.batch-max must be 1 to 10,000, got \"many\"")]
    [InlineData("cursor-key = short", "conversation-actors.cursor-key must be empty, or at least 16 characters, got 5 characters")]
    [InlineData("page-default = 600", "conversation-actors.page-default must be at most page-max (500), got 600")]
    [InlineData("ask-timeout = 10ms", "conversation-actors.ask-timeout must be 100ms to 10m")]
    [InlineData("retention = -1d", "conversation-actors.retention must be 0 to 3650d")]
    [InlineData("limits.draft-max-bytes = 0", "conversation-actors.limits.draft-max-bytes must be 1 to 1,048,576")]
    [InlineData("changes.buffer-size = 0", "conversation-actors.changes.buffer-size must be 1 to 1,000,000")]
    [InlineData("rate-limit.permits = -1", "conversation-actors.rate-limit.permits must be 0 to 1,000,000,000")]
    [InlineData("auth.signing-key = \"too short\"", "conversation-actors.auth.signing-key must be empty, or at least 32 bytes of UTF-8, got 9 bytes of UTF-8")]
    [InlineData("auth.issuer = \"\"", "conversation-actors.auth.issuer must be non-empty text, got an empty value")]
    public void An_invalid_value_is_refused_at_start_naming_the_key_the_range_and_the_variable(string hocon, string message)
    {
        var config = AkkaConfigLoader.Load(TestNode.ConfigDirectory, Sqlite + "\nconversation-actors." + hocon);

        var error = Assert.Throws<ConfigurationException>(() =>
        {
            NodeSettings.From(config, TimeProvider.System);
            EdgeSettings.From(config);
            SettingsCatalog.Int(config, "changes.buffer-size");
        });

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_newly_overridable_limit_is_read_from_its_environment_variable()
    {
        Environment.SetEnvironmentVariable("CONVERSATION_ACTORS_DRAFT_MAX_BYTES", "100");
        try
        {
            var node = NodeSettings.From(AkkaConfigLoader.Load(TestNode.ConfigDirectory, Sqlite), TimeProvider.System);

            Assert.Equal(100, node.Fold.DraftMaxBytes);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CONVERSATION_ACTORS_DRAFT_MAX_BYTES", null);
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConversationActors.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("the repository root was not found");
    }
}
