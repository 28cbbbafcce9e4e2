using Akka.TestKit;
using ConversationActors.Actors.Protocol;
using ConversationActors.Actors.Services;
using ConversationActors.Actors.Sharding;
using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Profiles;
using ConversationActors.Domain.Queries;
using Xunit.Abstractions;
using static ConversationActors.Actors.Tests.Support.Commands;

namespace ConversationActors.Actors.Tests;

/// <summary>A cluster that does not answer within ask-timeout comes back as TIMEOUT, never as an exception.</summary>
public sealed class AskTimeoutTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromMilliseconds(300);

    public static TheoryData<string> Operations => new(Calls.Keys);

    private static Dictionary<string, Func<IConversationService, Task<Refusal?>>> Calls { get; } = new()
    {
        ["execute"] = async s => (await s.ExecuteAsync("u", new Domain.Commands.SetPinned(C2C("bob"), true), default)).Error,
        ["page"] = async s => (await s.GetPageAsync("u", PagePosition.Start, 10, default)).Error,
        ["batch"] = async s => (await s.GetBatchAsync("u", ["C2Cbob"], default)).Error,
        ["conversation"] = async s => (await s.GetConversationAsync("u", "C2Cbob", true, default)).Error,
        ["unread"] = async s => (await s.GetTotalUnreadAsync("u", default)).Error,
        ["get-user-profile"] = async s => (await s.GetUserProfileAsync("u", default)).Error,
        ["update-user-profile"] = async s => (await s.UpdateUserProfileAsync("u", new UserProfilePatch(["nickname"], "n", null, null), default)).Error,
        ["get-group-profile"] = async s => (await s.GetGroupProfileAsync("g", default)).Error,
        ["update-group-profile"] = async s => (await s.UpdateGroupProfileAsync("g", new GroupProfilePatch(["name"], "n", null, null, null, null, null, null), default)).Error,
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task A_region_that_never_answers_turns_the_call_into_TIMEOUT(string operation)
    {
        var region = CreateTestProbe();
        var service = new ShardedConversationService(new ShardRegions(Sys, region, region, region), AskTimeout);

        var call = Calls[operation](service);
        region.ExpectMsg<IEntityMessage>();
        var error = await call;

        Assert.NotNull(error);
        Assert.Equal(ErrorCode.Timeout, error.Code);
        Assert.Contains("ask-timeout", error.Desc, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_entity_type_is_asked_through_its_own_region()
    {
        var conversations = CreateTestProbe();
        var users = CreateTestProbe();
        var groups = CreateTestProbe();
        var service = new ShardedConversationService(new ShardRegions(Sys, conversations, users, groups), AskTimeout);

        var unread = service.GetTotalUnreadAsync("u", default);
        var user = service.GetUserProfileAsync("u", default);
        var group = service.GetGroupProfileAsync("g", default);

        Assert.Equal("u", conversations.ExpectMsg<GetTotalUnread>().UserID);
        Assert.Equal("u", users.ExpectMsg<GetUserProfile>().UserID);
        Assert.Equal("g", groups.ExpectMsg<GetGroupProfile>().GroupID);
        await Task.WhenAll(unread, user, group);
    }

    [Fact]
    public async Task A_refusal_from_the_entity_becomes_the_services_error_and_an_answer_its_value()
    {
        var region = CreateTestProbe();
        var service = new ShardedConversationService(new ShardRegions(Sys, region, region, region), TimeSpan.FromSeconds(5));

        var refused = service.ExecuteAsync("u", new Domain.Commands.ClearHistory(C2C("bob")), default);
        region.ExpectMsg<UserCommand>();
        region.Reply(new CommandRefused(ErrorCode.StoreUnavailable, "down"));
        var unread = service.GetTotalUnreadAsync("u", default);
        region.ExpectMsg<GetTotalUnread>();
        region.Reply(new TotalUnreadAnswer(5));

        Assert.Equal(new Refusal(ErrorCode.StoreUnavailable, "down"), (await refused).Error);
        Assert.Equal(5, (await unread).Value);
    }
}
