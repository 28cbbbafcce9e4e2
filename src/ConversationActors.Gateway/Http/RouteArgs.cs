using ConversationActors.Domain.Ids;
using Microsoft.Extensions.Primitives;

namespace ConversationActors.Gateway.Http;

/// <summary>
/// Validation of route values and query parameters, refusing with the name of the field. Route values arrive
/// decoded exactly once (<see cref="RouteValueDecoding"/>).
/// </summary>
public static class RouteArgs
{
    public static string Id(string name, string raw) =>
        IdRules.Check(raw) is { } reason ? throw RequestRefusedException.Invalid($"{name} {reason}") : raw;

    public static ConversationId Conversation(string raw) =>
        ConversationId.TryParse(raw, out var id, out var error) ? id : throw RequestRefusedException.Invalid($"conversationID {error}");

    /// <summary>A conversation group's name from the route (1-32 bytes of UTF-8, no control character, no '/').</summary>
    public static string GroupName(string raw)
    {
        return Domain.Fold.Decider.CheckGroupName("groupName", raw) is { } refusal ? throw new RequestRefusedException(refusal) : raw;
    }

    /// <summary>A query parameter given at most once; null when absent.</summary>
    public static string? Single(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out StringValues values))
        {
            return null;
        }

        return values.Count == 1 ? values[0] ?? string.Empty : throw RequestRefusedException.Invalid($"{name} must be given at most once");
    }

    public static int? IntInRange(IQueryCollection query, string name, int min, int max)
    {
        var text = Single(query, name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max
            ? value
            : throw RequestRefusedException.Invalid($"{name} must be an integer from {min} to {max}, got \"{(text.Length > 20 ? text[..20] + "…" : text)}\"");
    }

    public static long? LongAtLeast(IQueryCollection query, string name, long min)
    {
        var text = Single(query, name);
        if (text is null)
        {
            return null;
        }

        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value >= min && value < long.MaxValue / 2
            ? value
            : throw RequestRefusedException.Invalid($"{name} must be an integer of {min} or more, got \"{(text.Length > 20 ? text[..20] + "…" : text)}\"");
    }
}
