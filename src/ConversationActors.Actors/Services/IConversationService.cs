using System.Threading.Channels;
using ConversationActors.Actors.Protocol;
using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Profiles;
using ConversationActors.Domain.Queries;

namespace ConversationActors.Actors.Services;

/// <summary>
/// What the gateway asks of the cluster: one method per SPEC query and action. Every call is an Ask
/// bounded by <c>ask-timeout</c>; a timeout comes back as TIMEOUT and a failed write as STORE_UNAVAILABLE.
/// </summary>
public interface IConversationService
{
    Task<ServiceResult<CommandAccepted>> ExecuteAsync(string userID, IConversationCommand command, CancellationToken cancellationToken);

    /// <summary>
    /// One delivery of a fan-out (SPEC 4.2 <c>POST /v1/messages</c>): like <see cref="ExecuteAsync"/>, but the answer's
    /// <see cref="CommandAccepted.Conversation"/> is null (the entity renders nothing the fan-out answer does not carry).
    /// </summary>
    Task<ServiceResult<CommandAccepted>> DeliverAsync(string userID, AddMessage message, CancellationToken cancellationToken);

    Task<ServiceResult<ConversationPage>> GetPageAsync(string userID, PagePosition from, int count, CancellationToken cancellationToken);

    Task<ServiceResult<IReadOnlyList<ConversationView>>> GetBatchAsync(string userID, IReadOnlyList<string> conversationIDs, CancellationToken cancellationToken);

    Task<ServiceResult<ConversationAnswer>> GetConversationAsync(string userID, string conversationID, bool withStats, CancellationToken cancellationToken);

    Task<ServiceResult<long>> GetTotalUnreadAsync(string userID, CancellationToken cancellationToken);

    /// <summary>getConversationListByFilter: a page of the conversations <paramref name="filter"/> lists.</summary>
    Task<ServiceResult<ConversationPage>> GetPageAsync(string userID, PagePosition from, int count, ConversationFilter filter, CancellationToken cancellationToken);

    /// <summary>The unread of the conversations matching <paramref name="filter"/>.</summary>
    Task<ServiceResult<long>> GetTotalUnreadAsync(string userID, ConversationFilter filter, CancellationToken cancellationToken);

    Task<ServiceResult<IReadOnlyList<string>>> GetConversationGroupsAsync(string userID, CancellationToken cancellationToken);

    Task<ServiceResult<UserProfile>> GetUserProfileAsync(string userID, CancellationToken cancellationToken);

    Task<ServiceResult<UserProfile>> UpdateUserProfileAsync(string userID, UserProfilePatch patch, CancellationToken cancellationToken);

    Task<ServiceResult<GroupProfile>> GetGroupProfileAsync(string groupID, CancellationToken cancellationToken);

    Task<ServiceResult<GroupProfile>> UpdateGroupProfileAsync(string groupID, GroupProfilePatch patch, CancellationToken cancellationToken);

    /// <summary>Where a change stream starts, or the recent changes after a seq, from the user's entity (issue 15).</summary>
    Task<ServiceResult<ChangesAnswer>> GetChangesAsync(string userID, long? after, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Registers a change stream with the user's entity (issue 27): the answer is where it starts (as
    /// <see cref="GetChangesAsync"/> answers), and the changes of every later event go into <paramref name="live"/>
    /// (<paramref name="dropped"/> is called for each one the full channel refused) until the subscription is disposed.
    /// </summary>
    Task<ServiceResult<ChangeSubscription>> SubscribeChangesAsync(
        string userID, long? after, int max, Channel<EventChanges> live, Action dropped, CancellationToken cancellationToken);
}
