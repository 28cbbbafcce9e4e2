using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Ids;

namespace ConversationActors.Domain.Fold;

/// <summary>The SPEC 4.2 and 5 limits on a message, each refusal naming the field and the limit.</summary>
public static class Validation
{
    public static Refusal? CheckMessage(AddMessage c, long now, ConversationSettings settings)
    {
        if (IdRules.Check(c.MsgID) is { } msgReason)
        {
            return Refusal.Invalid($"msgID {msgReason}");
        }

        if (IdRules.Check(c.SenderID) is { } senderReason)
        {
            return Refusal.Invalid($"senderID {senderReason}");
        }

        if (c.Timestamp <= 0)
        {
            return Refusal.Invalid($"timestamp must be a positive integer (ms since the epoch), got {c.Timestamp}");
        }

        var latest = now + (long)ConversationSettings.MaxClockSkew.TotalMilliseconds;
        if (c.Timestamp > latest)
        {
            return Refusal.Invalid(
                $"timestamp must be at most {ConversationSettings.MaxClockSkew.TotalMinutes:0} minutes ahead of server time ({latest}), got {c.Timestamp}");
        }

        if (c.Summary.Length > settings.SummaryMaxChars)
        {
            return Refusal.Invalid($"summary must be at most {settings.SummaryMaxChars} characters, got {c.Summary.Length}");
        }

        if (c.AtUserIDs.Count > ConversationSettings.AtUserIDsMax)
        {
            return Refusal.Invalid($"atUserIDs must hold at most {ConversationSettings.AtUserIDsMax} IDs, got {c.AtUserIDs.Count}");
        }

        for (var i = 0; i < c.AtUserIDs.Count; i++)
        {
            if (IdRules.Check(c.AtUserIDs[i]) is { } atReason)
            {
                return Refusal.Invalid($"atUserIDs[{i}] {atReason}");
            }
        }

        if (c.GroupType is not null && c.ConversationID.Type != ConversationType.Group)
        {
            return Refusal.Invalid("groupType is only allowed for GROUP conversations");
        }

        return null;
    }
}
