namespace ConversationActors.Domain.Tests.Support;

/// <summary>Settings the stories use besides the SPEC defaults.</summary>
internal static class Settings
{
    public static ConversationSettings Forever { get; } = new() { Retention = TimeSpan.Zero };

    public static ConversationSettings Capacity(int max) => new() { MaxConversations = max };

    public static ConversationSettings Dedupe(int window) => new() { DedupeWindow = window };
}
