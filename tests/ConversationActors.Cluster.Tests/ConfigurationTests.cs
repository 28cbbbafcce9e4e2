using System.Text.RegularExpressions;
using ConversationActors.Actors.Configuration;
using ConversationActors.Cluster.Tests.Support;

namespace ConversationActors.Cluster.Tests;

/// <summary>
/// The environment-override table and the <c># env NAME</c> lines of config/*.conf name the same
/// variables, and the README documents each (cluster settings included). Quick: no cluster needed.
/// </summary>
public sealed partial class ConfigurationTests
{
    [Fact]
    public void Every_env_comment_in_the_config_files_is_in_the_override_table_and_back()
    {
        var inFiles = Directory.GetFiles(Path.Combine(Repository.Root, "config"), "*.conf")
            .SelectMany(File.ReadLines)
            .Select(line => EnvComment().Match(line))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToHashSet();
        var inTable = EnvironmentOverrides.Table.Select(t => t.Variable).ToHashSet();

        Assert.Empty(inFiles.Except(inTable));
        Assert.Empty(inTable.Except(inFiles));
    }

    [Fact]
    public void Every_overridable_setting_is_documented_in_the_README()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var undocumented = EnvironmentOverrides.Table.Select(t => t.Variable)
            .Append(AkkaConfigLoader.SeedNodesVariable)
            .Append(AkkaConfigLoader.RolesVariable)
            .Where(variable => !readme.Contains(variable, StringComparison.Ordinal));
        Assert.Empty(undocumented);
    }

    [GeneratedRegex(@"^\s*#\s*env\s+(CONVERSATION_ACTORS_[A-Z0-9_]+)\s*$")]
    private static partial Regex EnvComment();
}
