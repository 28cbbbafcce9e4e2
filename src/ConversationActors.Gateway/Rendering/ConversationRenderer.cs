using System.Text.Json;
using ConversationActors.Domain.Profiles;
using ConversationActors.Domain.Queries;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ConversationActors.Gateway.Rendering;

/// <summary>
/// Joins the entity's conversations with profiles for showName and faceUrl (SPEC 3.2): every answer and change-feed
/// frame loads its profiles through <see cref="ProfileCache"/> (cache, else one store read per answer).
/// </summary>
public sealed class ConversationRenderer(ProfileCache profiles, IOptions<JsonOptions> json)
{
    private readonly JsonSerializerOptions _options = json.Value.SerializerOptions;

    /// <summary>One conversation's wire form, or null for none.</summary>
    public async Task<ConversationDto?> RenderAsync(ConversationView? view, CancellationToken cancellationToken) =>
        view is null ? null : (await RenderAsync([view], cancellationToken))[0];

    /// <summary>The wire forms of <paramref name="views"/>, in order (a change-feed frame, a bench baseline).</summary>
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

    /// <summary>
    /// A list answer written straight to the response (<see cref="ConversationListResult"/>): with
    /// <paramref name="isFinished"/> and <paramref name="nextSeq"/> for a list or page, without for a batch.
    /// </summary>
    public async Task<IResult> ListAsync(
        IReadOnlyList<ConversationView> views, bool? isFinished, string? nextSeq, CancellationToken cancellationToken) =>
        new ConversationListResult(views, await profiles.LoadAsync(views, cancellationToken), _options, isFinished, nextSeq);

    /// <summary>The wire form of <paramref name="v"/> with the given (fresh or cached) profiles.</summary>
    public static ConversationDto Render(ConversationView v, UserProfile? user, GroupProfile? group) => new(v, user, group);
}
