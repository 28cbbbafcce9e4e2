using Akka.Configuration;
using Akka.Persistence.Sql;

namespace ConversationActors.Actors.Configuration;

/// <summary>
/// Builds the node's HOCON from the files in <c>config/</c>: conversation-actors.conf, akka.conf and the
/// store's file (sqlite.conf or postgres.conf, chosen by <c>conversation-actors.store</c>), with
/// environment overrides (<see cref="EnvironmentOverrides"/>; lists such as seed nodes and roles are
/// comma-separated variables) appended last, so substitutions see the overridden values.
/// </summary>
public static class AkkaConfigLoader
{
    public const string ConfigDirVariable = "CONVERSATION_ACTORS_CONFIG_DIR";
    public const string SeedNodesVariable = "CONVERSATION_ACTORS_SEED_NODES";
    public const string RolesVariable = "CONVERSATION_ACTORS_ROLES";

    /// <summary>The config folder: the environment's choice, else config/ next to the binaries.</summary>
    public static string DefaultDirectory =>
        Environment.GetEnvironmentVariable(ConfigDirVariable) is { Length: > 0 } dir
            ? dir
            : Path.Combine(AppContext.BaseDirectory, "config");

    /// <param name="directory">Folder holding the .conf files.</param>
    /// <param name="overrides">HOCON text that wins over everything (tests, tools).</param>
    public static Config Load(string directory, string? overrides = null)
    {
        var settingsText = Read(directory, "conversation-actors.conf");
        var preliminary = ConfigurationFactory.ParseString(string.Join("\n", settingsText, FromEnvironment(), overrides ?? string.Empty));
        var store = preliminary.GetString("conversation-actors.store", "sqlite");
        var storeFile = store switch
        {
            "sqlite" => "sqlite.conf",
            "postgres" => "postgres.conf",
            _ => throw new ConfigurationException($"conversation-actors.store must be sqlite or postgres, got '{store}'"),
        };

        var text = string.Join(
            "\n",
            settingsText,
            Read(directory, "akka.conf"),
            Read(directory, storeFile),
            FromEnvironment(),
            overrides ?? string.Empty);
        if (text.Contains("${?", StringComparison.Ordinal))
        {
            // Akka's parser does not support optional substitutions: it would silently drop the rest of the file.
            throw new ConfigurationException("'${?VAR}' substitutions are not supported; use the CONVERSATION_ACTORS_* environment variables (see EnvironmentOverrides)");
        }

        return ConfigurationFactory.ParseString(text).WithFallback(SqlPersistence.DefaultConfiguration);
    }

    private static string Read(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new FileNotFoundException($"configuration file {path} is missing (set {ConfigDirVariable} to the config folder)", path);
    }

    private static string FromEnvironment()
    {
        var lines = new List<string> { EnvironmentOverrides.ToHocon(Environment.GetEnvironmentVariable) };
        if (List(SeedNodesVariable) is { } seeds)
        {
            lines.Add($"akka.cluster.seed-nodes = [{seeds}]");
        }

        if (List(RolesVariable) is { } roles)
        {
            lines.Add($"akka.cluster.roles = [{roles}]");
        }

        return string.Join("\n", lines);
    }

    private static string? List(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var items = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(EnvironmentOverrides.Quote);
        return string.Join(", ", items);
    }
}
