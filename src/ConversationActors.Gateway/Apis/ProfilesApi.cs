using ConversationActors.Domain.Model;
using ConversationActors.Domain.Profiles;
using ConversationActors.Gateway.Http;

namespace ConversationActors.Gateway.Apis;

/// <summary>
/// SPEC 4.2 profile directory: PUT merges the fields present (null clears one) and answers the stored
/// profile; GET reads it. Profiles live in their own sharded entities, not in users' journals.
/// </summary>
public static class ProfilesApi
{
    private const int NameMax = 256;
    private const int UrlMax = 2048;
    private const int TextMax = 4096;

    public static IEndpointRouteBuilder MapProfilesApi(this IEndpointRouteBuilder app)
    {
        var profiles = app.MapGroup("/v1/profiles").WithTags("Profiles");

        profiles.MapPut("/users/{userID}", async (string userID, HttpRequest request, ApiContext api, CancellationToken ct) =>
            {
                RouteArgs.Id("userID", userID);
                var body = await api.BodyAsync(request, ct);
                var patch = new UserProfilePatch(
                    Present(body, UserProfilePatch.Fields),
                    Text(body, "nickname", NameMax),
                    Text(body, "faceUrl", UrlMax),
                    Text(body, "selfSignature", TextMax));
                var profile = ApiContext.Unwrap(await api.Service.UpdateUserProfileAsync(userID, patch, ct));
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
                var body = await api.BodyAsync(request, ct);
                var memberCount = body.OptionalInt32("memberCount");
                if (memberCount < 0)
                {
                    throw RequestRefusedException.Invalid($"memberCount must be 0 or more, got {memberCount}");
                }

                var patch = new GroupProfilePatch(
                    Present(body, GroupProfilePatch.Fields),
                    Text(body, "name", NameMax),
                    Text(body, "faceUrl", UrlMax),
                    body.OptionalEnum<GroupType>("groupType"),
                    Text(body, "introduction", TextMax),
                    Text(body, "notification", TextMax),
                    body.OptionalId("ownerID"),
                    memberCount);
                var profile = ApiContext.Unwrap(await api.Service.UpdateGroupProfileAsync(groupID, patch, ct));
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

    private static string[] Present(BodyFields body, string[] fields)
    {
        var present = fields.Where(body.Has).ToArray();
        return present.Length > 0
            ? present
            : throw RequestRefusedException.Invalid($"the body names none of the profile fields ({string.Join(", ", fields)})");
    }

    private static string? Text(BodyFields body, string name, int max)
    {
        var text = body.OptionalString(name);
        return text is { Length: var length } && length > max
            ? throw RequestRefusedException.Invalid($"{name} must be at most {max} characters, got {length}")
            : text;
    }

    public sealed record UserProfileRequest(string? Nickname, string? FaceUrl, string? SelfSignature);

    public sealed record GroupProfileRequest(
        string? Name, string? FaceUrl, string? GroupType, string? Introduction, string? Notification, string? OwnerID, int? MemberCount);
}
