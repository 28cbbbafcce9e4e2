namespace ConversationActors.Domain.Profiles;

/// <summary>A fact in a profile entity's journal: the whole profile after the change.</summary>
public interface IProfileEvent
{
    long At { get; }
}

public sealed record UserProfileChanged(UserProfile Profile, long At) : IProfileEvent;

public sealed record GroupProfileChanged(GroupProfile Profile, long At) : IProfileEvent;
