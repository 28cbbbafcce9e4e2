using ConversationActors.TestSupport.Security;
namespace ConversationActors.Gateway.Tests.Infrastructure;

/// <summary>A host with authentication on (<see cref="Tokens.Key"/>) and rate limits out of the way.</summary>
public class SecuredFixture : GatewayFixture
{
    protected override string ExtraHocon =>
        Tokens.Hocon + "\nconversation-actors.rate-limit.permits = 0\nconversation-actors.rate-limit.admin-permits = 0";
}
