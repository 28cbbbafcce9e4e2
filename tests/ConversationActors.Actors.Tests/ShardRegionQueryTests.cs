using ConversationActors.Actors.Services;
using ConversationActors.Actors.Tests.Support;
using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.Profiles;
using ConversationActors.Domain.Queries;
using static ConversationActors.Actors.Tests.Support.Commands;

namespace ConversationActors.Actors.Tests;

/// <summary>Every query through the shard regions, with Ask, answered from the entity's memory.</summary>
public sealed class ShardRegionQueryTests(SerializingNodeFixture fixture) : IClassFixture<SerializingNodeFixture>
{
    private ShardedConversationService Service => fixture.Node.Service;

    [Fact]
    public async Task The_whole_list_comes_pinned_first_then_by_orderKey_descending()
    {
        const string owner = "query-list";
        await SeedAsync(owner);

        var page = (await Service.GetPageAsync(owner, PagePosition.Start, int.MaxValue, CancellationToken.None)).Ok();

        Assert.True(page.IsFinished);
        Assert.Equal(["C2Cc", "C2Ce", "C2Cd", "C2Cb", "C2Ca"], page.ConversationList.Select(c => c.ConversationID));
    }

    [Fact]
    public async Task Pages_continue_strictly_after_the_cursor_until_finished()
    {
        const string owner = "query-pages";
        await SeedAsync(owner);

        var seen = new List<string>();
        var from = PagePosition.Start;
        var pages = 0;
        ConversationPage page;
        do
        {
            page = (await Service.GetPageAsync(owner, from, 2, CancellationToken.None)).Ok();
            seen.AddRange(page.ConversationList.Select(c => c.ConversationID));
            from = page.Next;
            pages++;
        }
        while (!page.IsFinished);

        Assert.Equal(3, pages);
        Assert.Equal(["C2Cc", "C2Ce", "C2Cd", "C2Cb", "C2Ca"], seen);
        var after = (await Service.GetPageAsync(owner, page.Next, 2, CancellationToken.None)).Ok();
        Assert.True(after.IsFinished);
        Assert.Empty(after.ConversationList);
    }

    [Fact]
    public async Task A_batch_answers_the_existing_conversations_in_the_order_asked_each_once()
    {
        const string owner = "query-batch";
        await SeedAsync(owner);

        var batch = (await Service.GetBatchAsync(owner, ["C2Cb", "C2Cmissing", "C2Ca", "C2Cb"], CancellationToken.None)).Ok();

        Assert.Equal(["C2Cb", "C2Ca"], batch.Select(c => c.ConversationID));
    }

    [Fact]
    public async Task One_conversation_comes_with_its_stats_when_asked()
    {
        const string owner = "query-one";
        var t = await SeedAsync(owner);

        var plain = (await Service.GetConversationAsync(owner, "C2Ca", withStats: false, CancellationToken.None)).Ok();
        var withStats = (await Service.GetConversationAsync(owner, "C2Ca", withStats: true, CancellationToken.None)).Ok();
        var missing = (await Service.GetConversationAsync(owner, "C2Cmissing", withStats: true, CancellationToken.None)).Ok();

        Assert.Equal("C2Ca", plain.Conversation!.ConversationID);
        Assert.Null(plain.Stats);
        Assert.Equal(2, withStats.Stats!.MessageCount);
        Assert.Equal(t, withStats.Stats.FirstMessageTimestamp);
        Assert.Null(missing.Conversation);
        Assert.Null(missing.Stats);
    }

    [Fact]
    public async Task Total_unread_sums_the_conversations_that_receive()
    {
        const string owner = "query-unread";
        await SeedAsync(owner);

        // a: 2, b: 1, c: 1 (muted: not counted), d: draft only, e: 1.
        Assert.Equal(4, (await Service.GetTotalUnreadAsync(owner, CancellationToken.None)).Ok());
    }

    [Fact]
    public async Task An_unknown_user_has_an_empty_list_and_no_unread()
    {
        var page = (await Service.GetPageAsync("query-nobody", PagePosition.Start, 100, CancellationToken.None)).Ok();

        Assert.Empty(page.ConversationList);
        Assert.True(page.IsFinished);
        Assert.Equal(0, (await Service.GetTotalUnreadAsync("query-nobody", CancellationToken.None)).Ok());
    }

    [Fact]
    public async Task User_profiles_merge_the_fields_present_and_answer_the_stored_profile()
    {
        var empty = (await Service.GetUserProfileAsync("query-profile-user", CancellationToken.None)).Ok();
        Assert.Equal(UserProfile.Empty("query-profile-user"), empty);

        await Service.UpdateUserProfileAsync("query-profile-user", new UserProfilePatch(["nickname", "faceUrl"], "Ann", "https://a/x.png", null), CancellationToken.None);
        var merged = (await Service.UpdateUserProfileAsync("query-profile-user", new UserProfilePatch(["selfSignature"], null, null, "hi"), CancellationToken.None)).Ok();

        Assert.Equal(new UserProfile("query-profile-user", "Ann", "https://a/x.png", "hi"), merged);
        Assert.Equal(merged, (await Service.GetUserProfileAsync("query-profile-user", CancellationToken.None)).Ok());
    }

    [Fact]
    public async Task Group_profiles_merge_the_fields_present_and_a_present_null_clears_one()
    {
        const string groupID = "@TGS#query";
        await Service.UpdateGroupProfileAsync(
            groupID,
            new GroupProfilePatch(GroupProfilePatch.Fields, "Team", "https://g/x.png", GroupType.Work, "intro", "notice", "owner", 12),
            CancellationToken.None);
        var merged = (await Service.UpdateGroupProfileAsync(
            groupID, new GroupProfilePatch(["notification"], null, null, null, null, null, null, null), CancellationToken.None)).Ok();

        Assert.Equal(new GroupProfile(groupID, "Team", "https://g/x.png", GroupType.Work, "intro", null, "owner", 12), merged);
        Assert.Equal(merged, (await Service.GetGroupProfileAsync(groupID, CancellationToken.None)).Ok());
    }

    /// <summary>Five conversations: a, b, c (pinned, muted), d (draft only), e. Answers the first timestamp.</summary>
    private async Task<long> SeedAsync(string owner)
    {
        var t = Now - 60_000;
        IConversationCommand[] commands =
        [
            Message(C2C("a"), "a1", "a", t), Message(C2C("b"), "b1", "b", t + 1), Message(C2C("c"), "c1", "c", t + 2),
            new SetRecvOpt(C2C("c"), RecvOpt.NotReceive), new SetPinned(C2C("c"), true), Message(C2C("a"), "a2", "a", t - 5),
            new SetDraft(C2C("d"), "later"), Message(C2C("e"), "e1", "e", t + 3),
        ];
        foreach (var command in commands)
        {
            (await Service.ExecuteAsync(owner, command, CancellationToken.None)).Ok();
        }

        return t - 5;
    }
}
