using ConversationActors.Gateway.Contracts;
using ConversationActors.Gateway.Http;

namespace ConversationActors.Gateway.Apis;

/// <summary>
/// SPEC 4.2 profile directory: PUT merges the fields present (null clears one) and answers the stored
/// profile; GET reads it. Profiles live in their own sharded entities, not in users' journals.
/// </summary>
public static class ProfilesApi
{
    public static IEndpointRouteBuilder MapProfilesApi(this IEndpointRouteBuilder app)
    {
        var profiles = app.MapGroup("/v1/profiles").WithTags("Profiles");

        profiles.MapPut("/users/{userID}", async (string userID, HttpRequest request, ApiContext api, CancellationToken ct) =>
            {
                RouteArgs.Id("userID", userID);
                var body = await api.BodyAsync<UserProfileRequest>(request, ct);
                var profile = ApiContext.Unwrap(await api.Service.UpdateUserProfileAsync(userID, body.ToPatch(), ct));
                api.Profiles.Put(profile);
                return Envelope.Ok(profile);
            })
            .WithName("SetUserProfile").WithSummary("Merge the fields present into a user's profile.")
            .AcceptsJson<UserProfileRequest>();

        profiles.MapGet("/users/{userID}", async (string userID, ApiContext api, CancellationToken ct) =>
                Envelope.Ok(ApiContext.Unwrap(await api.Service.GetUserProfileAsync(RouteArgs.Id("userID", userID), ct))))
            .WithName("GetUserProfile").WithSummary("A user's stored profile.");

        profiles.MapPut("/groups/{groupID}", async (string groupID, HttpRequest request, ApiContext api, CancellationToken ct) =>
            {
                RouteArgs.Id("groupID", groupID);
                var body = await api.BodyAsync<GroupProfileRequest>(request, ct);
                var profile = ApiContext.Unwrap(await api.Service.UpdateGroupProfileAsync(groupID, body.ToPatch(), ct));
                api.Profiles.Put(profile);
                return Envelope.Ok(profile);
            })
            .WithName("SetGroupProfile").WithSummary("Merge the fields present into a group's profile.")
            .AcceptsJson<GroupProfileRequest>();

        profiles.MapGet("/groups/{groupID}", async (string groupID, ApiContext api, CancellationToken ct) =>
                Envelope.Ok(ApiContext.Unwrap(await api.Service.GetGroupProfileAsync(RouteArgs.Id("groupID", groupID), ct))))
            .WithName("GetGroupProfile").WithSummary("A group's stored profile.");
        return app;
    }
}
