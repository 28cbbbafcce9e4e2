using System.Numerics;

namespace ConversationActors.Domain.Model;

/// <summary>
/// Conversation marks (Tencent's V2TIM_CONVERSATION_MARK_TYPE_*): a 64-bit mask per conversation. The four
/// standard marks are bits 0-3; bits 32-63 are the app's own marks; bits 4-31 are reserved and refused.
/// </summary>
public static class ConversationMarks
{
    public const ulong Star = 0x1;
    public const ulong Unread = 0x2;
    public const ulong Fold = 0x4;
    public const ulong Hide = 0x8;
    public const int FirstCustomBit = 32;

    /// <summary>The words of a refusal, naming the accepted values.</summary>
    public const string Rule = "one mark: 1 (STAR), 2 (UNREAD), 4 (FOLD), 8 (HIDE) or a custom mark 2^32 to 2^63";

    /// <summary>True for exactly one standard or custom mark.</summary>
    public static bool IsMark(ulong markType) =>
        markType is Star or Unread or Fold or Hide || (BitOperations.IsPow2(markType) && markType >= 1UL << FirstCustomBit);

    /// <summary>The set marks of <paramref name="mask"/>, lowest first (the wire's <c>markList</c>).</summary>
    public static IReadOnlyList<ulong> List(ulong mask)
    {
        if (mask == 0)
        {
            return [];
        }

        var marks = new List<ulong>(BitOperations.PopCount(mask));
        for (var rest = mask; rest != 0; rest &= rest - 1)
        {
            marks.Add(rest & (~rest + 1));
        }

        return marks;
    }
}
