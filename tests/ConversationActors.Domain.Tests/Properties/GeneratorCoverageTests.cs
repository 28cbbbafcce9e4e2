using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Fold;
using FsCheck.Fluent;

namespace ConversationActors.Domain.Tests.Properties;

/// <summary>The random stories reach the paths the properties are meant to exercise.</summary>
public class GeneratorCoverageTests
{
    [Fact]
    public void Random_stories_reach_evictions_recreations_refusals_duplicates_and_clears()
    {
        var steps = Gen.Sample(Generators.Scripts, 300, 50).SelectMany(script => Trace.Run(script)).ToArray();
        var events = steps.SelectMany(s => s.Decision.Events).ToArray();

        Assert.Contains(events, e => e is ICreatingEvent { Evicted.Count: > 0 });
        Assert.Contains(events, e => e is ICreatingEvent { Recreate: true });
        Assert.Contains(events, e => e is ConversationRead { Full: false });
        Assert.Contains(events, e => e is ConversationRead { Full: true });
        Assert.Contains(events, e => e is HistoryCleared);
        Assert.Contains(events, e => e is ConversationDeleted);
        Assert.Contains(events, e => e is MessageRevoked);
        Assert.Contains(events, e => e is ConversationUnpinned);
        Assert.Contains(events, e => e is FriendRemarkSet);
        Assert.Contains(events, e => e is ConversationMarked { MarkType: Model.ConversationMarks.Hide, Enable: true });
        Assert.Contains(events, e => e is ConversationMarked { Enable: false });
        Assert.Contains(events, e => e is ConversationCustomDataSet);
        Assert.Contains(events, e => e is ConversationGroupCreated);
        Assert.Contains(events, e => e is ConversationGroupRenamed);
        Assert.Contains(events, e => e is ConversationGroupDeleted);
        Assert.Contains(events, e => e is ConversationAddedToGroup);
        Assert.Contains(events, e => e is ConversationRemovedFromGroup);
        Assert.Contains(steps, s => s.Decision.Events.Count > 1);
        Assert.Contains(steps, s => s.Decision.Results?.Any(r => r.ResultCode == ErrorCode.ConversationNotFound) == true
            && s.Decision.Results.Any(r => r.ResultCode == ErrorCode.Ok));
        Assert.Contains(steps, s => s.Before.Find((s.Decision.Event as MessageAdded)?.ConversationID ?? "")?.IsHidden == true
            && s.After.Find(((MessageAdded)s.Decision.Event!).ConversationID)?.IsHidden == false);
        Assert.Contains(steps, s => s.Decision.Refusal?.Code == ErrorCode.InvalidParameter);
        Assert.Contains(steps, s => s.Decision.Refusal?.Code == ErrorCode.ConversationNotFound);
        Assert.Contains(steps, s => s.Command is Commands.AddMessage && s.Decision == Decision.NoChange);
        Assert.Contains(steps, s => s.Decision.Event is MessageAdded e && s.After.Find(e.ConversationID)?.LastMessage?.MsgID != e.MsgID);
    }
}
