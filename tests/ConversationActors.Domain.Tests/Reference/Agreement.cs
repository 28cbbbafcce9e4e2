using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.State;
using ConversationActors.Domain.Tests.Properties;

namespace ConversationActors.Domain.Tests.Reference;

/// <summary>
/// Asks the reference model and the real fold (ListQueries over a ConversationSet) every SPEC 4.1 question and
/// fails, naming the question and both answers, at the first one they answer differently.
/// </summary>
internal static class Agreement
{
    /// <summary>Every conversation the stories use, plus one that never exists.</summary>
    public static readonly string[] Ids = [.. Step.Conversations.Select(c => ConversationId.Parse(c).Value), "C2Cnobody"];

    public static readonly ConversationFilter[] Filters =
    [
        new(Type: ConversationType.C2C), new(Type: ConversationType.Group), new(Type: ConversationType.System),
        new(MarkType: ConversationMarks.Star), new(MarkType: ConversationMarks.Unread), new(MarkType: ConversationMarks.Fold),
        new(MarkType: ConversationMarks.Hide), new(MarkType: 1UL << 40),
        new(ConversationGroup: "folder0"), new(ConversationGroup: "folder1"), new(ConversationGroup: "folder3"),
        new(HasUnread: true), new(HasUnread: false), new(HasAt: true), new(HasAt: false),
        new(Type: ConversationType.Group, HasAt: true), new(MarkType: ConversationMarks.Hide, HasUnread: true),
    ];

    public static string Render(ConversationView v) =>
        $"{v.ConversationID} type={v.Type} user={v.UserID} group={v.GroupID} groupType={v.GroupType} last={v.LastMessage} "
        + $"unread={v.UnreadCount} draft={v.DraftText}@{v.DraftTimestamp} pinned={v.IsPinned} orderKey={v.OrderKey} recvOpt={v.RecvOpt} "
        + $"at=[{string.Join(",", v.GroupAtInfoList.Select(a => $"{a.MsgID}:{a.AtType}"))}] remark={v.FriendRemark} "
        + $"marks=[{string.Join(",", v.MarkList)}] customData={v.CustomData} groups=[{string.Join(",", v.ConversationGroupList)}]";

    public static string Render(IEnumerable<ConversationView> list) => "[\n    " + string.Join("\n    ", list.Select(Render)) + "]";

    /// <summary>Runs <paramref name="check"/>; a disagreement names the step (and its actual command) it followed.</summary>
    public static void AfterStep(int index, StepResult step, Action check)
    {
        try
        {
            check();
        }
        catch (Xunit.Sdk.XunitException e)
        {
            throw new Xunit.Sdk.XunitException($"after step {index} ({Describe(step.Command)} at {step.Now}), {e.Message}");
        }
    }

    public static void Same(string question, string model, string fold)
    {
        if (model != fold)
        {
            throw new Xunit.Sdk.XunitException($"{question}:\n  model: {model}\n  fold:  {fold}");
        }
    }

    public static void SameOutcome(StepResult step, ModelOutcome model)
    {
        var d = step.Decision;
        var fold = new ModelOutcome(d.Refusal?.Code, d.Events.Count > 0, d.Results?.Select(r => (r.ConversationID, r.ResultCode)).ToArray());
        Same("the command's answer", Normal(model), Normal(fold));
    }

    /// <summary>The command as a record prints it, with its lists spelled out (a record prints only their type).</summary>
    public static string Describe(IConversationCommand command) => command switch
    {
        AddMessage m => (m with { AtUserIDs = Array.Empty<string>() }).ToString().Replace("AtUserIDs = System.String[]", $"AtUserIDs = [{string.Join(",", m.AtUserIDs)}]", StringComparison.Ordinal),
        _ => $"{command}",
    };

    /// <summary>No results and an empty result list answer the same thing.</summary>
    private static string Normal(ModelOutcome o) => (o with { Results = o.Results is { Count: > 0 } ? o.Results : null }).ToString();

    /// <summary>The whole list, each single get and profile stats, a batch, and the total unread.</summary>
    public static void SameAnswers(ReferenceModel model, ConversationSet set, long now, ConversationSettings settings)
    {
        var retention = settings.RetentionMs;
        Same("the whole list", Render(model.All(now)), Render(ListQueries.All(set, now, retention).ConversationList));
        foreach (var id in Ids)
        {
            Same($"get {id}", model.Get(id, now) is { } m ? Render(m) : "404", ListQueries.Get(set, id, now, retention) is { } f ? Render(f) : "404");
            Same($"stats of {id}", $"{model.Stats(id, now)}", $"{ListQueries.Stats(set, id, now, retention)}");
        }

        string[] asked = [.. Ids.Reverse(), Ids[3], Ids[0]];
        Same("a batch", Render(model.Batch(asked, now)), Render(ListQueries.Batch(set, asked, now, retention)));
        Same("the total unread", $"{model.TotalUnread(now)}", $"{ListQueries.TotalUnread(set, now, retention)}");
    }

    /// <summary>A filtered list and its unread total, and the filtered list by pages.</summary>
    public static void SameFiltered(ReferenceModel model, ConversationSet set, long now, ConversationSettings settings, ConversationFilter filter, int count)
    {
        var retention = settings.RetentionMs;
        Same($"the list filtered by {filter}", Render(model.All(now, filter)), Render(ListQueries.All(set, now, retention, filter).ConversationList));
        Same($"the unread filtered by {filter}", $"{model.TotalUnread(now, filter)}", $"{ListQueries.TotalUnread(set, now, retention, filter)}");
        SamePages(model, set, now, settings, count, filter);
    }

    /// <summary>
    /// A traversal by pages of <paramref name="count"/>, each side following its own cursor: every page, isFinished and
    /// cursor equal; then the finished cursor gives an empty finished page.
    /// </summary>
    public static void SamePages(ReferenceModel model, ConversationSet set, long now, ConversationSettings settings, int count, ConversationFilter? filter = null)
    {
        var (modelAt, foldAt) = (PagePosition.Start, PagePosition.Start);
        for (var page = 0; ; page++)
        {
            var (m, f) = SamePage(model, set, now, settings, count, filter, modelAt, foldAt, $"page {page} of {count}");
            (modelAt, foldAt) = (m.Next, f.Next);
            if (m.IsFinished || page > Ids.Length)
            {
                break;
            }
        }

        SamePage(model, set, now, settings, count, filter, modelAt, foldAt, $"the page after the last of {count}");
    }

    /// <summary>One page from each side's own cursor.</summary>
    public static ((bool IsFinished, PagePosition Next) Model, ConversationPage Fold) SamePage(
        ReferenceModel model, ConversationSet set, long now, ConversationSettings settings, int count, ConversationFilter? filter,
        PagePosition modelAt, PagePosition foldAt, string question)
    {
        var m = model.Page(modelAt, count, now, filter);
        var f = ListQueries.Page(set, foldAt, count, now, settings.RetentionMs, filter, ListQueries.ScanBudget(filter, count));
        Same(
            $"{question} (filter {filter?.ToString() ?? "none"}) from {modelAt} / {foldAt}",
            $"{Render(m.Items)} finished={m.IsFinished} next={m.Next}",
            $"{Render(f.ConversationList)} finished={f.IsFinished} next={f.Next}");
        return ((m.IsFinished, m.Next), f);
    }

}
