using ConversationActors.Domain.Ids;

namespace ConversationActors.Domain.Profiles;

/// <summary>SPEC 3.2 showName: C2C remark > nickname > userID; GROUP name > groupID; SYSTEM "System". Empty names fall through.</summary>
public static class ShowName
{
    public const string System = "System";

    public static string For(ConversationType type, string? target, string? remark, string? profileName) => type switch
    {
        ConversationType.C2C => NonEmpty(remark) ?? NonEmpty(profileName) ?? target!,
        ConversationType.Group => NonEmpty(profileName) ?? target!,
        _ => System,
    };

    private static string? NonEmpty(string? name) => string.IsNullOrEmpty(name) ? null : name;
}
