using System.Text.Json;
using ConversationActors.Actors.Serialization;
using ConversationActors.Actors.Services;
using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Queries;

namespace ConversationActors.Actors.Tests.Support;

/// <summary>Unwrapping service answers and describing a user's whole observable state.</summary>
public static class ServiceAssertions
{
    public static T Ok<T>(this ServiceResult<T> result)
    {
        Assert.True(result.IsOk, $"expected success, got {result.Error}");
        return result.Value;
    }

    public static Refusal Refused<T>(this ServiceResult<T> result, ErrorCode expected)
    {
        Assert.False(result.IsOk, $"expected {expected}, got success {result.Value}");
        Assert.Equal(expected, result.Error.Code);
        return result.Error;
    }

    /// <summary>
    /// Everything a client can see of a user's set, as JSON: the whole list (every field of every
    /// conversation, in list order), each conversation's stats and the total unread count.
    /// JSON makes lists inside records compare by content.
    /// </summary>
    public static async Task<string> DescribeUserAsync(this IConversationService service, string userID)
    {
        var page = (await service.GetPageAsync(userID, PagePosition.Start, int.MaxValue, CancellationToken.None)).Ok();
        var stats = new List<ConversationStats?>();
        foreach (var conversation in page.ConversationList)
        {
            stats.Add((await service.GetConversationAsync(userID, conversation.ConversationID, withStats: true, CancellationToken.None)).Ok().Stats);
        }

        var totalUnread = (await service.GetTotalUnreadAsync(userID, CancellationToken.None)).Ok();
        return JsonSerializer.Serialize(new { page, stats, totalUnread }, ConversationSerializer.Options);
    }

    public static string Json(object value) => JsonSerializer.Serialize(value, value.GetType(), ConversationSerializer.Options);
}
