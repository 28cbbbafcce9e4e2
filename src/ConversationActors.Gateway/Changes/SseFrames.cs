using System.Text;
using System.Text.Json;
using ConversationActors.Domain.Changes;
using ConversationActors.Gateway.Contracts;
using ConversationActors.Gateway.Rendering;

namespace ConversationActors.Gateway.Changes;

/// <summary>
/// The Server-Sent Events text of the feed: one frame per journal event holding all its items, each with
/// <c>id: &lt;seq&gt;</c>, so a client sees an event's items together and resumes strictly after a seq.
/// </summary>
public sealed class SseFrames(ConversationRenderer renderer, JsonSerializerOptions json)
{
    /// <summary>A comment line: ignored by clients, keeps proxies and load balancers from closing the stream.</summary>
    public static string KeepAlive => ": keep-alive\n\n";

    /// <summary>The frame of one event's items (rendered with the list's showName/faceUrl), or null when it has none.</summary>
    public async Task<string?> RenderAsync(IReadOnlyList<ChangeItem> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return null;
        }

        var views = items.Where(i => i.Conversation is not null).Select(i => i.Conversation!).ToArray();
        var rendered = await renderer.RenderAsync(views, cancellationToken);
        var next = 0;
        var frame = new StringBuilder();
        foreach (var item in items)
        {
            object data = item.Kind switch
            {
                ChangeKind.ConversationDeleted => new ConversationDeletedItem(item.ConversationID!),
                ChangeKind.TotalUnreadChanged => new TotalUnreadAnswer(item.TotalUnreadCount!.Value),
                _ => rendered[next++],
            };
            frame.Append("id: ").Append(item.Seq).Append('\n')
                .Append("event: ").Append(item.EventName).Append('\n')
                .Append("data: ").Append(JsonSerializer.Serialize(data, json)).Append("\n\n");
        }

        return frame.ToString();
    }
}
