using Akka.Configuration;
using ConversationActors.Actors.Configuration;
using ConversationActors.Actors.Tests.Support;

namespace ConversationActors.Actors.Tests;

/// <summary>config/*.conf as <see cref="AkkaConfigLoader"/> reads them, with and without environment overrides.</summary>
public sealed class ConfigurationTests
{
    private const string Overrides = "conversation-actors.sqlite.connection-string = \"Data Source=/tmp/configuration-test.db\"";

    [Fact]
    public void Every_file_and_setting_survives_loading_when_no_environment_variable_is_set()
    {
        var config = AkkaConfigLoader.Load(TestNode.ConfigDirectory, Overrides);

        Assert.Equal("cluster", config.GetString("akka.actor.provider"));
        Assert.Equal("ddata", config.GetString("akka.cluster.sharding.state-store-mode"));
        Assert.Equal(TimeSpan.FromMinutes(2), config.GetTimeSpan("akka.cluster.sharding.passivate-idle-entity-after"));
        Assert.Equal(0, config.GetInt("akka.remote.dot-netty.tcp.port"));
        Assert.Equal(1000, config.GetInt("conversation-actors.snapshot-every"));
        Assert.Equal(TimeSpan.FromDays(7), config.GetTimeSpan("conversation-actors.retention"));
        Assert.Equal("Data Source=/tmp/configuration-test.db", config.GetString("akka.persistence.journal.sql.connection-string"));
        Assert.Equal("SQLite.MS", config.GetString("akka.persistence.journal.sql.provider-name"));
        Assert.Equal(typeof(Journal.SqlJournal), Type.GetType(config.GetString("akka.persistence.journal.sql.class")));
        Assert.Equal(100, config.GetInt("akka.persistence.journal.sql.batch-size"));
        Assert.Equal(
            "conversation",
            config.GetString("akka.actor.serialization-bindings.\"ConversationActors.Domain.Events.IConversationEvent, ConversationActors.Domain\""));
    }

    [Fact]
    public void An_environment_variable_overrides_its_setting_and_nothing_else()
    {
        using var snapshotEvery = new EnvironmentVariable("CONVERSATION_ACTORS_SNAPSHOT_EVERY", "7");
        using var passivateAfter = new EnvironmentVariable("CONVERSATION_ACTORS_PASSIVATE_AFTER", "3s");

        var config = AkkaConfigLoader.Load(TestNode.ConfigDirectory, Overrides);

        Assert.Equal(7, config.GetInt("conversation-actors.snapshot-every"));
        Assert.Equal(TimeSpan.FromSeconds(3), config.GetTimeSpan("akka.cluster.sharding.passivate-idle-entity-after"));
        Assert.Equal(10_000, config.GetInt("conversation-actors.dedupe-window"));
        Assert.Equal("cluster", config.GetString("akka.actor.provider"));
    }

    [Fact]
    public void Test_overrides_win_over_the_files()
    {
        var config = AkkaConfigLoader.Load(TestNode.ConfigDirectory, Overrides + "\nconversation-actors.passivate-after = 1s");

        Assert.Equal(TimeSpan.FromSeconds(1), config.GetTimeSpan("akka.cluster.sharding.passivate-idle-entity-after"));
    }

    [Fact]
    public void An_unknown_store_is_a_configuration_error()
    {
        Assert.Throws<ConfigurationException>(() => AkkaConfigLoader.Load(TestNode.ConfigDirectory, "conversation-actors.store = mongo"));
    }

    [Fact]
    public void An_optional_substitution_inside_a_value_is_refused_loudly_rather_than_dropping_the_rest_of_the_file()
    {
        Assert.Throws<ConfigurationException>(() =>
            AkkaConfigLoader.Load(TestNode.ConfigDirectory, Overrides + "\nconversation-actors.cursor-key = prefix${?CONVERSATION_ACTORS_CURSOR_KEY}"));
    }

    [Fact]
    public void Every_env_comment_in_the_config_files_names_a_variable_of_the_override_table_and_back()
    {
        var commented = Directory.GetFiles(TestNode.ConfigDirectory, "*.conf")
            .SelectMany(File.ReadLines)
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("# env ", StringComparison.Ordinal))
            .Select(line => line["# env ".Length..].Trim())
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(EnvironmentOverrides.Table.Select(e => e.Variable).Order(StringComparer.Ordinal), commented);
        var sqlite = AkkaConfigLoader.Load(TestNode.ConfigDirectory, Overrides);
        var postgres = AkkaConfigLoader.Load(TestNode.ConfigDirectory, "conversation-actors.store = postgres");
        foreach (var (path, _) in EnvironmentOverrides.Table)
        {
            Assert.True(sqlite.HasPath(path) || postgres.HasPath(path), $"{path} is in the table but not in config/");
        }
    }

    [Fact]
    public void A_set_variable_reaches_substitutions_that_use_its_key()
    {
        using var connection = new EnvironmentVariable("CONVERSATION_ACTORS_SQLITE_CONNECTION", "Data Source=/tmp/from-env.db");

        var config = AkkaConfigLoader.Load(TestNode.ConfigDirectory);

        Assert.Equal("Data Source=/tmp/from-env.db", config.GetString("akka.persistence.query.journal.sql.connection-string"));
    }

    /// <summary>Sets a process environment variable for one test and restores it afterwards.</summary>
    private sealed class EnvironmentVariable : IDisposable
    {
        private readonly string _name;
        private readonly string? _previous;

        public EnvironmentVariable(string name, string value)
        {
            _name = name;
            _previous = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }

        public void Dispose() => Environment.SetEnvironmentVariable(_name, _previous);
    }
}
