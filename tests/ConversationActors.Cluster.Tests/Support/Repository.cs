namespace ConversationActors.Cluster.Tests.Support;

/// <summary>Where the repository (scripts/, config/) is, found from the test binaries upwards.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration these tests were built with; the nodes run the same one.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ConversationActors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no ConversationActors.sln above {AppContext.BaseDirectory}");
    }
}
