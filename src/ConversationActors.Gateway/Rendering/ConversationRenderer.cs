using ConversationActors.Domain.Profiles;
using ConversationActors.Domain.Queries;

namespace ConversationActors.Gateway.Rendering;

/// <summary>
/// Joins the entity's conversations with profiles for showName and faceUrl (SPEC 3.2): every answer and change-feed
/// frame loads its profiles through <see cref="ProfileCache"/> (cache, else one store read per answer). What it renders
/// is a <see cref="ConversationDto"/>, written by the one answer writer whether it stands alone or in a list.
/// </summary>
public sealed class ConversationRenderer(ProfileCache profiles)
{
    /// <summary>One conversation's wire form, or null for none.</summary>
    public async Task<ConversationDto?> RenderAsync(ConversationView? view, CancellationToken cancellationToken) =>
        view is null ? null : (await RenderAsync([view], cancellationToken))[0];

    /// <summary>The wire forms of <paramref name="views"/>, in order (a list answer, a change-feed frame).</summary>
    public async Task<IReadOnlyList<ConversationDto>> RenderAsync(IReadOnlyList<ConversationView> views, CancellationToken cancellationToken)
    {
        var found = await profiles.LoadAsync(views, cancellationToken);
        var rendered = new ConversationDto[views.Count];
        for (var i = 0; i < rendered.Length; i++)
        {
            rendered[i] = new ConversationDto(views[i], found.UserAt(i), found.GroupAt(i));
        }

        return rendered;
    }

    /// <summary>The wire form of <paramref name="v"/> with the given (fresh or cached) profiles.</summary>
    public static ConversationDto Render(ConversationView v, UserProfile? user, GroupProfile? group) => new(v, user, group);
}
