using ConversationActors.Actors.Configuration;
using ConversationActors.Gateway.Http;

namespace ConversationActors.Gateway.Contracts;

/// <summary>
/// A request body contract (issue #18): one record per endpoint body that is both what the strict parser produces
/// and what OpenAPI shows (<c>AcceptsJson&lt;T&gt;</c> takes only contracts), so the two cannot drift;
/// <c>RequestContractTests</c> checks each record's properties against what its <see cref="Read"/> reads.
/// Wrong JSON types are refused, never coerced; each refusal is 6017 with a desc naming the field and the limit.
/// </summary>
public interface IRequestBody<TSelf>
    where TSelf : IRequestBody<TSelf>
{
    /// <summary>Parses the body's fields; <paramref name="settings"/> gives the limits (batch-max, fan-out members, …).</summary>
    static abstract TSelf Read(BodyFields body, NodeSettings settings);
}
