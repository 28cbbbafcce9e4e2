using ConversationActors.Actors.Configuration;
using ConversationActors.Domain.Ids;
using ConversationActors.Gateway.Http;

namespace ConversationActors.Gateway.Contracts;

/// <summary>The <c>conversationIDList</c> of batch and multi-conversation writes: 1 to <c>batch-max</c> IDs, normalised.</summary>
public static class ConversationIdList
{
    public const string Field = "conversationIDList";

    public static IReadOnlyList<ConversationId> Required(BodyFields body, NodeSettings settings)
    {
        var max = settings.Fold.BatchMax;
        var ids = body.OptionalConversationIdArray(Field, max)
            ?? throw RequestRefusedException.Invalid($"{Field} is required: an array of 1 to {max} conversation IDs");
        return ids.Count == 0 ? throw RequestRefusedException.Invalid($"{Field} must not be empty: give 1 to {max} conversation IDs") : ids;
    }
}
