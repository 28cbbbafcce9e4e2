namespace ConversationActors.TestSupport.Repository;

/// <summary>Files of this repository (README, config/, …) as tests read them, found from the test binaries upwards.</summary>
public static class RepositoryFiles
{
    /// <summary>The repository's root: the first folder above the test binaries that holds ConversationActors.sln.</summary>
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConversationActors.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("ConversationActors.sln not found above the test binaries");
    }

    /// <summary>The full path of <paramref name="relativePath"/> (with '/' separators) under <see cref="Root"/>.</summary>
    public static string PathOf(string relativePath) => Path.Combine(Root(), relativePath);
}
