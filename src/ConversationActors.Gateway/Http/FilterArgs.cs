using System.Globalization;
using ConversationActors.Domain.Fold;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.Queries;

namespace ConversationActors.Gateway.Http;

/// <summary>
/// getConversationListByFilter's query parameters: <c>type=C2C|GROUP</c>, <c>markType</c> (one mark value),
/// <c>conversationGroup</c> (a group name), <c>hasUnread</c> and <c>hasAt</c> (<c>true</c> or <c>false</c>).
/// </summary>
public static class FilterArgs
{
    public static readonly string[] Names = ["type", "markType", "conversationGroup", "hasUnread", "hasAt"];

    public static ConversationFilter Parse(IQueryCollection query)
    {
        ConversationType? type = RouteArgs.Single(query, "type") switch
        {
            null => null,
            "C2C" => ConversationType.C2C,
            "GROUP" => ConversationType.Group,
            var other => throw RequestRefusedException.Invalid($"type must be C2C or GROUP, got \"{Short(other)}\""),
        };

        ulong? markType = null;
        if (RouteArgs.Single(query, "markType") is { } markText)
        {
            markType = ulong.TryParse(markText, NumberStyles.None, CultureInfo.InvariantCulture, out var mark) && ConversationMarks.IsMark(mark)
                ? mark
                : throw RequestRefusedException.Invalid($"markType must be {ConversationMarks.Rule}, got \"{Short(markText)}\"");
        }

        var group = RouteArgs.Single(query, "conversationGroup");
        if (group is not null && Decider.CheckGroupName("conversationGroup", group) is { } refusal)
        {
            throw new RequestRefusedException(refusal);
        }

        return new ConversationFilter(type, markType, group, Bool(query, "hasUnread"), Bool(query, "hasAt"));
    }

    private static bool? Bool(IQueryCollection query, string name) => RouteArgs.Single(query, name) switch
    {
        null => null,
        "true" => true,
        "false" => false,
        var other => throw RequestRefusedException.Invalid($"{name} must be true or false, got \"{Short(other)}\""),
    };

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
