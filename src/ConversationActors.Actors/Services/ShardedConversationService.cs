using System.Diagnostics;
using System.Threading.Channels;
using Akka.Actor;
using ConversationActors.Actors.Protocol;
using ConversationActors.Actors.Sharding;
using ConversationActors.Actors.Telemetry;
using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Profiles;
using ConversationActors.Domain.Queries;

namespace ConversationActors.Actors.Services;

/// <summary>
/// <see cref="IConversationService"/> over the shard regions (or their proxies). The regions may still be starting when
/// the service is created (the host starts them with the ActorSystem): each call awaits them, which costs nothing once
/// they are there, so no DI factory blocks on the ActorSystem.
/// </summary>
public sealed class ShardedConversationService(Task<ShardRegions> regions, TimeSpan askTimeout) : IConversationService
{
    public ShardedConversationService(ShardRegions regions, TimeSpan askTimeout)
        : this(Task.FromResult(regions), askTimeout)
    {
    }

    public Task<ServiceResult<CommandAccepted>> ExecuteAsync(string userID, IConversationCommand command, CancellationToken cancellationToken) =>
        WriteAsync(new UserCommand(userID, command), cancellationToken);

    public Task<ServiceResult<CommandAccepted>> DeliverAsync(string userID, AddMessage message, CancellationToken cancellationToken) =>
        WriteAsync(new UserCommand(userID, message, DeliveryOnly: true), cancellationToken);

    private async Task<ServiceResult<CommandAccepted>> WriteAsync(UserCommand command, CancellationToken cancellationToken)
    {
        var result = await AskAsync<CommandAccepted, CommandAccepted>(r => r.Conversations, command, a => a, cancellationToken);
        ServiceMetrics.Write(result.IsOk ? (result.Value.Applied ? "applied" : "unchanged") : result.Error.Code.ToString());
        return result;
    }

    public Task<ServiceResult<ConversationPage>> GetPageAsync(string userID, PagePosition from, int count, CancellationToken cancellationToken) =>
        AskAsync<PageAnswer, ConversationPage>(r => r.Conversations, new GetConversationPage(userID, from, count), a => a.Page, cancellationToken);

    public Task<ServiceResult<IReadOnlyList<ConversationView>>> GetBatchAsync(string userID, IReadOnlyList<string> conversationIDs, CancellationToken cancellationToken) =>
        AskAsync<BatchAnswer, IReadOnlyList<ConversationView>>(r => r.Conversations, new GetConversationBatch(userID, conversationIDs), a => a.ConversationList, cancellationToken);

    public Task<ServiceResult<ConversationAnswer>> GetConversationAsync(string userID, string conversationID, bool withStats, CancellationToken cancellationToken) =>
        AskAsync<ConversationAnswer, ConversationAnswer>(r => r.Conversations, new GetConversation(userID, conversationID, withStats), a => a, cancellationToken);

    public Task<ServiceResult<long>> GetTotalUnreadAsync(string userID, CancellationToken cancellationToken) =>
        AskAsync<TotalUnreadAnswer, long>(r => r.Conversations, new GetTotalUnread(userID), a => a.TotalUnreadCount, cancellationToken);

    public Task<ServiceResult<ConversationPage>> GetPageAsync(string userID, PagePosition from, int count, ConversationFilter filter, CancellationToken cancellationToken) =>
        AskAsync<PageAnswer, ConversationPage>(r => r.Conversations, new GetConversationPage(userID, from, count, filter), a => a.Page, cancellationToken);

    public Task<ServiceResult<long>> GetTotalUnreadAsync(string userID, ConversationFilter filter, CancellationToken cancellationToken) =>
        AskAsync<TotalUnreadAnswer, long>(r => r.Conversations, new GetTotalUnread(userID, filter), a => a.TotalUnreadCount, cancellationToken);

    public Task<ServiceResult<IReadOnlyList<string>>> GetConversationGroupsAsync(string userID, CancellationToken cancellationToken) =>
        AskAsync<ConversationGroupsAnswer, IReadOnlyList<string>>(r => r.Conversations, new GetConversationGroups(userID), a => a.ConversationGroupList, cancellationToken);

    public Task<ServiceResult<UserProfile>> GetUserProfileAsync(string userID, CancellationToken cancellationToken) =>
        AskAsync<UserProfileAnswer, UserProfile>(r => r.UserProfiles, new GetUserProfile(userID), a => a.Profile, cancellationToken);

    public Task<ServiceResult<UserProfile>> UpdateUserProfileAsync(string userID, UserProfilePatch patch, CancellationToken cancellationToken) =>
        AskAsync<UserProfileAnswer, UserProfile>(r => r.UserProfiles, new UpdateUserProfile(userID, patch), a => a.Profile, cancellationToken);

    public Task<ServiceResult<GroupProfile>> GetGroupProfileAsync(string groupID, CancellationToken cancellationToken) =>
        AskAsync<GroupProfileAnswer, GroupProfile>(r => r.GroupProfiles, new GetGroupProfile(groupID), a => a.Profile, cancellationToken);

    public Task<ServiceResult<GroupProfile>> UpdateGroupProfileAsync(string groupID, GroupProfilePatch patch, CancellationToken cancellationToken) =>
        AskAsync<GroupProfileAnswer, GroupProfile>(r => r.GroupProfiles, new UpdateGroupProfile(groupID, patch), a => a.Profile, cancellationToken);

    public Task<ServiceResult<ChangesAnswer>> GetChangesAsync(string userID, long? after, int max, CancellationToken cancellationToken) =>
        AskAsync<ChangesAnswer, ChangesAnswer>(r => r.Conversations, new GetChanges(userID, after, max), a => a, cancellationToken);

    public async Task<ServiceResult<ChangeSubscription>> SubscribeChangesAsync(
        string userID, long? after, int max, Channel<EventChanges> live, Action dropped, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var shards = await regions.WaitAsync(askTimeout, cancellationToken);
        var first = new TaskCompletionSource<ServiceResult<ChangesAnswer>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriber = shards.System.ActorOf(ChangeSubscriber.Props(userID, after, max, shards.Conversations, live.Writer, first, askTimeout, dropped));
        ServiceResult<ChangesAnswer> answer;
        try
        {
            answer = await first.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            shards.System.Stop(subscriber);
            throw;
        }

        ServiceMetrics.Asked(nameof(GetChanges), Stopwatch.GetElapsedTime(started), answer.Error?.Code);
        if (!answer.IsOk)
        {
            shards.System.Stop(subscriber);
            return answer.Error;
        }

        return new ChangeSubscription(answer.Value, live.Reader, subscriber);
    }

    private async Task<ServiceResult<TResult>> AskAsync<TAnswer, TResult>(
        Func<ShardRegions, IActorRef> region, IEntityMessage message, Func<TAnswer, TResult> select, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        object answer;
        try
        {
            answer = await region(await regions.WaitAsync(askTimeout, cancellationToken)).Ask<object>(message, askTimeout, cancellationToken);
        }
        catch (Exception e) when (e is AskTimeoutException or TimeoutException or AggregateException { InnerException: AskTimeoutException })
        {
            // Under load the timeout can surface wrapped in an AggregateException; either way it is a TIMEOUT.
            ServiceMetrics.Asked(message.GetType().Name, Stopwatch.GetElapsedTime(started), ErrorCode.Timeout);
            return new Refusal(ErrorCode.Timeout, $"the cluster did not answer within ask-timeout ({askTimeout.TotalSeconds:0.###} s); a write may or may not have been applied, retry");
        }

        ServiceResult<TResult> result = answer switch
        {
            TAnswer ok => select(ok),
            CommandRefused refused => new Refusal(refused.Code, refused.Desc),
            _ => throw new InvalidOperationException($"unexpected answer {answer.GetType().Name} to {message.GetType().Name}"),
        };
        ServiceMetrics.Asked(message.GetType().Name, Stopwatch.GetElapsedTime(started), result.Error?.Code);
        return result;
    }
}
