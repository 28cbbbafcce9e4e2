using Akka.Actor;
using ConversationActors.Actors.Protocol;
using ConversationActors.Domain.Profiles;

namespace ConversationActors.Actors.Entities;

/// <summary>A group's profile: name, avatar, type, introduction, notification, owner, member count.</summary>
public sealed class GroupProfileActor : ProfileActor<GroupProfile>
{
    public const string PersistencePrefix = "group-profile-";

    public GroupProfileActor(string groupID, EntitySettings settings)
        : base(PersistencePrefix + groupID, GroupProfile.Empty(groupID), settings)
    {
    }

    public static Props Props(string groupID, EntitySettings settings) =>
        Akka.Actor.Props.Create(() => new GroupProfileActor(groupID, settings));

    protected override GroupProfile ProfileOf(IProfileEvent e) => ((GroupProfileChanged)e).Profile;

    protected override IProfileEvent Changed(GroupProfile profile, long at) => new GroupProfileChanged(profile, at);

    protected override IClusterMessage Answer(GroupProfile profile) => new GroupProfileAnswer(profile);

    protected override bool HandleRequest(object message)
    {
        switch (message)
        {
            case GetGroupProfile:
                Get();
                return true;
            case UpdateGroupProfile update:
                Update(update.Patch.ApplyTo);
                return true;
            default:
                return false;
        }
    }
}
