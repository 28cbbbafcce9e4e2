namespace ConversationActors.Domain.Profiles;

/// <summary>A user's profile as the profile answer shows it (SPEC 4.1); the remark is the asking owner's.</summary>
public sealed record UserProfile(string UserID, string? Nickname, string? FaceUrl, string? SelfSignature)
{
    public static UserProfile Empty(string userID) => new(userID, null, null, null);
}

/// <summary>
/// A PUT of a user profile: only the fields present change (<see cref="Present"/> names them by their
/// JSON names); a present null clears one.
/// </summary>
public sealed record UserProfilePatch(IReadOnlyList<string> Present, string? Nickname, string? FaceUrl, string? SelfSignature)
{
    public static readonly string[] Fields = ["nickname", "faceUrl", "selfSignature"];

    public UserProfile ApplyTo(UserProfile p) => p with
    {
        Nickname = Present.Contains("nickname") ? Nickname : p.Nickname,
        FaceUrl = Present.Contains("faceUrl") ? FaceUrl : p.FaceUrl,
        SelfSignature = Present.Contains("selfSignature") ? SelfSignature : p.SelfSignature,
    };
}
