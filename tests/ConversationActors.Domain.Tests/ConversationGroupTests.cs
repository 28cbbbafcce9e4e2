using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Tests.Support;

namespace ConversationActors.Domain.Tests;

/// <summary>Issue #10 conversation groups (folders): create, rename, delete, add and remove, with Tencent's limits.</summary>
public class ConversationGroupTests
{
    private static Scenario Three() => new Scenario().Receive("C2Cbob", "b1").Receive("C2Ccarol", "c1", from: "carol").Receive("GROUPg1", "g1", from: "dave");

    [Fact]
    public void Creating_a_group_records_it_then_adds_each_existing_conversation_and_answers_per_ID()
    {
        var story = Three();

        var decision = story.Try(Cmd.CreateGroup("work", "GROUPg1", "C2Cnobody", "C2Cbob"));

        Assert.IsType<ConversationGroupCreated>(decision.Events[0]);
        Assert.Equal(["GROUPg1", "C2Cbob"], decision.Events.Skip(1).Cast<ConversationAddedToGroup>().Select(e => e.ConversationID));
        Assert.Equal([ErrorCode.Ok, ErrorCode.ConversationNotFound, ErrorCode.Ok], decision.Results!.Select(r => r.ResultCode));
        Assert.Equal(["work"], story.State.ConversationGroups);
        Assert.Equal(["work"], story["C2Cbob"].ConversationGroupList);
        Assert.Empty(story["C2Ccarol"].ConversationGroupList);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    [InlineData("a/b")]
    [InlineData("tab\there")]
    public void A_group_name_must_be_1_to_32_bytes_without_control_characters_or_slashes(string name)
    {
        var refusal = Three().Refuses(Cmd.CreateGroup(name, "C2Cbob"), ErrorCode.InvalidParameter);

        Assert.Contains("groupName", refusal.Desc);
    }

    [Fact]
    public void A_32_byte_name_in_any_script_is_fine()
    {
        var story = Three().Do(Cmd.CreateGroup("家人和朋友们的会话组ab", "C2Cbob"));

        Assert.Equal(["家人和朋友们的会话组ab"], story["C2Cbob"].ConversationGroupList);
    }

    [Fact]
    public void A_duplicate_name_and_a_21st_group_are_refused()
    {
        var story = Three();
        for (var i = 0; i < 20; i++)
        {
            story.Do(Cmd.CreateGroup($"g{i}", "C2Cbob"));
        }

        Assert.Contains("already exists", story.Refuses(Cmd.CreateGroup("g3", "C2Cbob"), ErrorCode.InvalidParameter).Desc);
        Assert.Contains("20", story.Refuses(Cmd.CreateGroup("g20", "C2Cbob"), ErrorCode.InvalidParameter).Desc);
        Assert.Equal(20, story["C2Cbob"].ConversationGroupList.Count);
    }

    [Fact]
    public void Renaming_a_group_renames_it_on_its_conversations_and_keeps_its_place()
    {
        var story = Three().Do(Cmd.CreateGroup("a", "C2Cbob")).Do(Cmd.CreateGroup("b", "C2Cbob", "GROUPg1"));

        story.Accepts<ConversationGroupRenamed>(new RenameConversationGroup("a", "z"));

        Assert.Equal(["z", "b"], story.State.ConversationGroups);
        Assert.Equal(["z", "b"], story["C2Cbob"].ConversationGroupList);
        story.ChangesNothing(new RenameConversationGroup("z", "z"));
        Assert.Contains("already exists", story.Refuses(new RenameConversationGroup("z", "b"), ErrorCode.InvalidParameter).Desc);
        Assert.Contains("no conversation group", story.Refuses(new RenameConversationGroup("nope", "y"), ErrorCode.InvalidParameter).Desc);
        Assert.Contains("newName", story.Refuses(new RenameConversationGroup("z", ""), ErrorCode.InvalidParameter).Desc);
    }

    [Fact]
    public void Deleting_a_group_keeps_its_conversations_and_frees_the_name()
    {
        var story = Three().Do(Cmd.CreateGroup("a", "C2Cbob", "GROUPg1"));

        story.Accepts<ConversationGroupDeleted>(new DeleteConversationGroup("a"));

        Assert.Empty(story.State.ConversationGroups);
        Assert.Empty(story["C2Cbob"].ConversationGroupList);
        Assert.Equal(3, story.Ids.Count);
        story.Refuses(new DeleteConversationGroup("a"), ErrorCode.InvalidParameter);
        story.Do(Cmd.CreateGroup("a", "C2Ccarol"));
        Assert.Empty(story["C2Cbob"].ConversationGroupList);
    }

    [Fact]
    public void Adding_and_removing_answer_per_ID_and_record_only_real_changes()
    {
        var story = Three().Do(Cmd.CreateGroup("a", "C2Cbob"));

        var added = story.Try(Cmd.AddToGroup("a", "C2Cbob", "C2Ccarol", "C2Cghost"));
        var removed = story.Try(Cmd.RemoveFromGroup("a", "C2Cbob", "GROUPg1"));

        Assert.Equal(["C2Ccarol"], added.Events.Cast<ConversationAddedToGroup>().Select(e => e.ConversationID));
        Assert.Equal([ErrorCode.Ok, ErrorCode.Ok, ErrorCode.ConversationNotFound], added.Results!.Select(r => r.ResultCode));
        Assert.Equal(["C2Cbob"], removed.Events.Cast<ConversationRemovedFromGroup>().Select(e => e.ConversationID));
        Assert.Equal(["a"], story["C2Ccarol"].ConversationGroupList);
        Assert.Empty(story["C2Cbob"].ConversationGroupList);
        story.Refuses(Cmd.AddToGroup("b", "C2Cbob"), ErrorCode.InvalidParameter);
        story.Refuses(Cmd.RemoveFromGroup("b", "C2Cbob"), ErrorCode.InvalidParameter);
    }

    [Fact]
    public void A_deleted_conversation_leaves_its_groups_and_comes_back_outside_them()
    {
        var story = Three().Do(Cmd.CreateGroup("a", "C2Cbob")).Delete("C2Cbob").Receive("C2Cbob", "b2");

        Assert.Empty(story["C2Cbob"].ConversationGroupList);
        Assert.Equal(["a"], story.State.ConversationGroups);
    }
}
