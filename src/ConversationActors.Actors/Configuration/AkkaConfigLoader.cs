using System.Text.RegularExpressions;
using Akka.Configuration;
using Akka.Persistence.Sql;

namespace ConversationActors.Actors.Configuration;

/// <summary>
/// Builds the node's HOCON from the files in <c>config/</c>: conversation-actors.conf, akka.conf and the
/// store's file (sqlite.conf or postgres.conf, chosen by <c>conversation-actors.store</c>), with
/// <c>key = ${?ENV}</c> overrides, and Akka's own HOCON parser. Lists that the environment cannot
/// express in HOCON (seed nodes, roles) are read from comma-separated variables here.
/// </summary>
public static partial class AkkaConfigLoader
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
        var preliminary = ConfigurationFactory.ParseString(ResolveOptionalEnvironment(settingsText + "\n" + (overrides ?? string.Empty)));
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
        return ConfigurationFactory.ParseString(ResolveOptionalEnvironment(text)).WithFallback(SqlPersistence.DefaultConfiguration);
    }

    /// <summary>
    /// Akka's built-in HOCON parser does not understand optional substitutions: one <c>${?VAR}</c> empties
    /// its key and silently drops everything after it. So each <c>key = ${?VAR}</c> line is resolved here:
    /// the variable's value as a quoted string when it is set, no line at all when it is not.
    /// </summary>
    internal static string ResolveOptionalEnvironment(string hocon)
    {
        var resolved = OptionalEnvironmentLine().Replace(hocon, line =>
            Environment.GetEnvironmentVariable(line.Groups["name"].Value) is { } value
                ? $"{line.Groups["key"].Value} = {Quote(value)}"
                : string.Empty);
        var unsupported = resolved.Split('\n').FirstOrDefault(line =>
            line.Contains("${?", StringComparison.Ordinal) && !line.TrimStart().StartsWith('#') && !line.TrimStart().StartsWith("//", StringComparison.Ordinal));
        return unsupported is null
            ? resolved
            : throw new ConfigurationException($"${{?VAR}} is supported only as a whole line 'key = ${{?VAR}}', got: {unsupported.Trim()}");
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    [GeneratedRegex(@"^[ \t]*(?<key>[^\s=:#{}]+)[ \t]*[=:][ \t]*\$\{\?(?<name>[A-Za-z_][A-Za-z0-9_]*)\}[ \t\r]*$", RegexOptions.Multiline)]
    private static partial Regex OptionalEnvironmentLine();

    private static string Read(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new FileNotFoundException($"configuration file {path} is missing (set {ConfigDirVariable} to the config folder)", path);
    }

    private static string FromEnvironment()
    {
        var lines = new List<string>();
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
            .Select(Quote);
        return string.Join(", ", items);
    }
}
