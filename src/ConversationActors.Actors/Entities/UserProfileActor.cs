using Akka.Actor;
using ConversationActors.Actors.Protocol;
using ConversationActors.Domain.Profiles;

namespace ConversationActors.Actors.Entities;

/// <summary>A user's profile: nickname, avatar, signature.</summary>
public sealed class UserProfileActor : ProfileActor<UserProfile>
{
    public const string PersistencePrefix = "user-profile-";

    public UserProfileActor(string userID, EntitySettings settings)
        : base(PersistencePrefix + userID, UserProfile.Empty(userID), settings)
    {
    }

    public static Props Props(string userID, EntitySettings settings) =>
        Akka.Actor.Props.Create(() => new UserProfileActor(userID, settings));

    protected override UserProfile ProfileOf(IProfileEvent e) => ((UserProfileChanged)e).Profile;

    protected override IProfileEvent Changed(UserProfile profile, long at) => new UserProfileChanged(profile, at);

    protected override IClusterMessage Answer(UserProfile profile) => new UserProfileAnswer(profile);

    protected override bool HandleRequest(object message)
    {
        switch (message)
        {
            case GetUserProfile:
                Get();
                return true;
            case UpdateUserProfile update:
                Update(update.Patch.ApplyTo);
                return true;
            default:
                return false;
        }
    }
}
