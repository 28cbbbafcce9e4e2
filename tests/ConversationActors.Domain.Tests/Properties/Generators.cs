using FsCheck;
using FsCheck.Fluent;

namespace ConversationActors.Domain.Tests.Properties;

/// <summary>FsCheck generators of random command stories over a few users and conversations.</summary>
public static class Generators
{
    private const long Minute = 60_000, Hour = 60 * Minute, Day = 24 * Hour;

    private static Gen<long> Longs(long unit, int max) => Gen.Choose(0, max).Select(n => n * unit);

    private static Gen<long> Advance => Gen.Frequency(
        (4, Gen.Constant(0L)),
        (10, Gen.Choose(1, 60_000).Select(n => (long)n)),
        (4, Longs(Minute, 120)),
        (2, Longs(Hour, 60)));

    /// <summary>Message times: mostly now or a little earlier, sometimes late by days, sometimes too far ahead.</summary>
    private static Gen<long> Offset => Gen.Frequency(
        (4, Gen.Constant(0L)),
        (6, Gen.Choose(-60_000, 0).Select(n => (long)n)),
        (3, Longs(-Hour, 72)),
        (2, Gen.Choose(0, 300_000).Select(n => (long)n)),
        (1, Gen.Choose(300_001, 400_000).Select(n => (long)n)));

    private static Gen<int> Flags => Gen.Frequency(
        (6, Gen.Choose(0, 7)),
        (1, Gen.Choose(0, 63)));

    private static Gen<Op> Ops => Gen.Frequency(
        (12, Gen.Constant(Op.Message)),
        (3, Gen.Constant(Op.LateMessage)),
        (2, Gen.Constant(Op.Draft)),
        (1, Gen.Constant(Op.ClearDraft)),
        (2, Gen.Constant(Op.Pin)),
        (2, Gen.Constant(Op.Unpin)),
        (1, Gen.Constant(Op.RecvOpt)),
        (2, Gen.Constant(Op.Read)),
        (2, Gen.Constant(Op.ReadUpTo)),
        (1, Gen.Constant(Op.ClearHistory)),
        (1, Gen.Constant(Op.Delete)),
        (2, Gen.Constant(Op.Revoke)),
        (1, Gen.Constant(Op.Remark)),
        (3, Gen.Constant(Op.Mark)),
        (2, Gen.Constant(Op.Unmark)),
        (1, Gen.Constant(Op.CustomData)),
        (1, Gen.Constant(Op.DeleteMany)),
        (1, Gen.Constant(Op.CleanUnread)),
        (1, Gen.Constant(Op.CreateGroup)),
        (1, Gen.Constant(Op.RenameGroup)),
        (1, Gen.Constant(Op.DeleteGroup)),
        (1, Gen.Constant(Op.AddToGroup)),
        (1, Gen.Constant(Op.RemoveFromGroup)));

    public static Gen<Step> Step =>
        from advance in Advance
        from op in Ops
        from conversation in Gen.Frequency((3, Gen.Choose(0, 7)), (2, Gen.Choose(0, Properties.Step.Conversations.Length - 1)))
        from msg in Gen.Choose(0, 40)
        from sender in Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(1, 3)))
        from offset in Offset
        from flags in Flags
        select new Step(advance, op, conversation, msg, sender, offset, flags);

    public static Gen<ConversationSettings> Settings =>
        from max in Gen.Elements(2, 3, 5, 5000)
        from window in Gen.Elements(1, 2, 5, 10_000)
        from retention in Gen.Elements(TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(7))
        select new ConversationSettings { MaxConversations = max, DedupeWindow = window, Retention = retention };

    public static Gen<int> PageSize => Gen.Frequency((6, Gen.Choose(1, 4)), (1, Gen.Choose(1, 500)));

    public static Gen<Script> Scripts =>
        from settings in Settings
        from length in Gen.Choose(0, 80)
        from steps in Gen.ArrayOf(Step, length)
        from pageSize in PageSize
        from split in Gen.Choose(0, length)
        select new Script(settings, steps, pageSize, split);

    /// <summary>Shrinks by dropping halves, then single steps, so a failure is reported as a short story.</summary>
    private static IEnumerable<Script> Shrink(Script script)
    {
        var steps = script.Steps;
        if (steps.Count == 0)
        {
            yield break;
        }

        yield return script with { Steps = steps.Take(steps.Count / 2).ToArray(), Split = Math.Min(script.Split, steps.Count / 2) };
        yield return script with { Steps = steps.Skip(steps.Count / 2).ToArray(), Split = Math.Min(script.Split, steps.Count - (steps.Count / 2)) };
        for (var i = steps.Count - 1; i >= 0; i--)
        {
            var shorter = steps.Where((_, j) => j != i).ToArray();
            yield return script with { Steps = shorter, Split = Math.Min(script.Split, shorter.Length) };
        }
    }

    public static Arbitrary<Script> ScriptArbitrary { get; } = Arb.From(Scripts, Shrink);
}

/// <summary>Registers the script generator for <c>[Property]</c> tests.</summary>
public static class DomainArbitraries
{
    public static Arbitrary<Script> Script() => Generators.ScriptArbitrary;
}
