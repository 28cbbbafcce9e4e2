using ConversationActors.Domain.Commands;
using ConversationActors.Gateway.Contracts;
using ConversationActors.Gateway.Http;
using ConversationActors.Gateway.Security;

namespace ConversationActors.Gateway.Apis;

/// <summary>
/// Conversation groups (folders), after Tencent's createConversationGroup, getConversationGroupList,
/// renameConversationGroup, deleteConversationGroup, addConversationsToGroup and deleteConversationsFromGroup.
/// Group names are route segments, percent-encoded.
/// </summary>
public static class ConversationGroupsApi
{
    public static IEndpointRouteBuilder MapConversationGroupsApi(this IEndpointRouteBuilder app)
    {
        var groups = app.MapGroup("/v1/users/{userID}/conversationGroups").WithTags("Conversation groups").AllowOwner();

        groups.MapGet("/", async (string userID, ApiContext api, CancellationToken ct) =>
                Envelope.Ok(new ConversationGroupListAnswer(ApiContext.Unwrap(await api.Service.GetConversationGroupsAsync(RouteArgs.Id("userID", userID), ct)))))
            .WithName("GetConversationGroupList").WithSummary("The user's conversation group names, in creation order.");

        groups.MapPost("/", async (string userID, HttpRequest request, ApiContext api, CancellationToken ct) =>
            {
                var body = await api.BodyAsync<CreateGroupRequest>(request, ct);
                return await ConversationOrganizeApi.ResultsAsync(api, userID, new CreateConversationGroup(body.GroupName, body.ConversationIDList), ct);
            })
            .WithName("CreateConversationGroup")
            .WithSummary("Create a group (name 1-32 bytes, at most 20 per user) holding 1..100 conversations; per-ID results.")
            .AcceptsJson<CreateGroupRequest>();

        groups.MapPut("/{groupName}", async (string userID, string groupName, HttpRequest request, ApiContext api, CancellationToken ct) =>
            {
                var oldName = RouteArgs.GroupName(groupName);
                var body = await api.BodyAsync<RenameGroupRequest>(request, ct);
                await ExecuteAsync(api, userID, new RenameConversationGroup(oldName, body.NewName), ct);
                return Envelope.Ok();
            })
            .WithName("RenameConversationGroup").WithSummary("Rename a group; its conversations follow.")
            .AcceptsJson<RenameGroupRequest>();

        groups.MapDelete("/{groupName}", async (string userID, string groupName, ApiContext api, CancellationToken ct) =>
            {
                await ExecuteAsync(api, userID, new DeleteConversationGroup(RouteArgs.GroupName(groupName)), ct);
                return Envelope.Ok();
            })
            .WithName("DeleteConversationGroup").WithSummary("Delete a group; its conversations stay.");

        groups.MapPost("/{groupName}/conversations", async (string userID, string groupName, HttpRequest request, ApiContext api, CancellationToken ct) =>
            {
                var name = RouteArgs.GroupName(groupName);
                var body = await api.BodyAsync<GroupConversationsRequest>(request, ct);
                return await ConversationOrganizeApi.ResultsAsync(api, userID, new AddConversationsToGroup(name, body.ConversationIDList), ct);
            })
            .WithName("AddConversationsToGroup").WithSummary("Add 1..100 conversations to a group; per-ID results.")
            .AcceptsJson<GroupConversationsRequest>();

        groups.MapPost("/{groupName}/conversations/delete", async (string userID, string groupName, HttpRequest request, ApiContext api, CancellationToken ct) =>
            {
                var name = RouteArgs.GroupName(groupName);
                var body = await api.BodyAsync<GroupConversationsRequest>(request, ct);
                return await ConversationOrganizeApi.ResultsAsync(api, userID, new DeleteConversationsFromGroup(name, body.ConversationIDList), ct);
            })
            .WithName("DeleteConversationsFromGroup").WithSummary("Take 1..100 conversations out of a group; per-ID results.")
            .AcceptsJson<GroupConversationsRequest>();
        return app;
    }

    private static async Task ExecuteAsync(ApiContext api, string userID, IConversationCommand command, CancellationToken ct) =>
        ApiContext.Unwrap(await api.Service.ExecuteAsync(RouteArgs.Id("userID", userID), command, ct));
}
