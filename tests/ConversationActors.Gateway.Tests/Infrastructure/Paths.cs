namespace ConversationActors.Gateway.Tests.Infrastructure;

/// <summary>The SPEC's paths, each route value percent-encoded.</summary>
public static class Paths
{
    public static string User(string userID) => "/v1/users/" + Uri.EscapeDataString(userID);

    public static string Conversations(string userID) => User(userID) + "/conversations";

    public static string Conversation(string userID, string conversationID) =>
        Conversations(userID) + "/" + Uri.EscapeDataString(conversationID);

    public static string Unread(string userID) => User(userID) + "/unread";

    public static string UserProfile(string userID) => "/v1/profiles/users/" + Uri.EscapeDataString(userID);

    public static string GroupProfile(string groupID) => "/v1/profiles/groups/" + Uri.EscapeDataString(groupID);

    public static string Remark(string userID, string peerID) => User(userID) + "/friends/" + Uri.EscapeDataString(peerID) + "/remark";
}
