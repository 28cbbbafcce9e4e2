using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Profiles;
using ConversationActors.Domain.Queries;

namespace ConversationActors.Gateway.Rendering;

/// <summary>Joins the entity's conversations with profiles for showName and faceUrl (SPEC 3.2).</summary>
public sealed class ConversationRenderer(ProfileCache profiles)
{
    public async Task<ConversationDto?> RenderAsync(ConversationView? view, CancellationToken cancellationToken) =>
        view is null ? null : (await RenderAsync([view], cancellationToken))[0];

    public async Task<IReadOnlyList<ConversationDto>> RenderAsync(IReadOnlyList<ConversationView> views, CancellationToken cancellationToken)
    {
        var users = await LoadAsync(views.Select(v => v.UserID), profiles.UserAsync, cancellationToken);
        var groups = await LoadAsync(views.Select(v => v.GroupID), profiles.GroupAsync, cancellationToken);
        return views.Select(v => Render(v, v.UserID is { } u ? users[u] : null, v.GroupID is { } g ? groups[g] : null)).ToArray();
    }

    /// <summary>The wire form of <paramref name="v"/> with the given (fresh or cached) profiles.</summary>
    public static ConversationDto Render(ConversationView v, UserProfile? user, GroupProfile? group)
    {
        var (profileName, faceUrl) = v.Type switch
        {
            ConversationType.C2C => (user?.Nickname, user?.FaceUrl),
            ConversationType.Group => (group?.Name, group?.FaceUrl),
            _ => ((string?)null, (string?)null),
        };
        return new ConversationDto(
            v,
            Domain.Model.GroupTypeRules.WithProfileFallback(v.GroupType, group?.GroupType),
            ShowName.For(v.Type, v.UserID ?? v.GroupID, v.FriendRemark, profileName),
            faceUrl);
    }

    private static async Task<Dictionary<string, T?>> LoadAsync<T>(
        IEnumerable<string?> ids, Func<string, CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
        where T : class
    {
        var distinct = ids.OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var loaded = await Task.WhenAll(distinct.Select(id => load(id, cancellationToken)));
        return distinct.Zip(loaded).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
    }
}
