using ConversationActors.Domain.Profiles;

namespace ConversationActors.Actors.Profiles;

/// <summary>
/// Reads current profiles for list answers without starting profile entities (issue #14): the profiles of many users
/// and groups in one store round trip. An ID that never had a profile is simply absent from the answer.
/// </summary>
public interface IProfileStore
{
    /// <summary>
    /// The stored profiles of <paramref name="userIDs"/> and <paramref name="groupIDs"/>, as their entities last persisted
    /// them (durable, so the same on every node and after restarts). IDs without a profile are left out.
    /// </summary>
    /// <exception cref="Exception">The store could not be read (the caller renders without profiles).</exception>
    Task<ProfileBatch> ReadAsync(IReadOnlyCollection<string> userIDs, IReadOnlyCollection<string> groupIDs, CancellationToken cancellationToken);
}

/// <summary>The profiles found by one <see cref="IProfileStore.ReadAsync"/>, by user ID and by group ID (ordinal).</summary>
public sealed record ProfileBatch(IReadOnlyDictionary<string, UserProfile> Users, IReadOnlyDictionary<string, GroupProfile> Groups)
{
    /// <summary>Nothing found.</summary>
    public static ProfileBatch None { get; } = new(new Dictionary<string, UserProfile>(), new Dictionary<string, GroupProfile>());
}
