namespace ConversationActors.Cluster.Tests.Support;

/// <summary>The users a load writes to: enough that every node hosts some of them.</summary>
public static class Users
{
    public static IReadOnlyList<string> Many(int count = 40) => [.. Enumerable.Range(1, count).Select(i => $"user{i:00}")];
}
