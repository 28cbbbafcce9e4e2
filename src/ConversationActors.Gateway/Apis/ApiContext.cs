using ConversationActors.Actors.Configuration;
using ConversationActors.Actors.Services;
using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Paging;
using ConversationActors.Gateway.Http;
using ConversationActors.Gateway.Rendering;

namespace ConversationActors.Gateway.Apis;

/// <summary>What every endpoint needs, bundled so handlers stay short.</summary>
public sealed class ApiContext(
    IConversationService service,
    ConversationRenderer renderer,
    ProfileCache profiles,
    NodeSettings settings,
    CursorCodec cursors,
    TimeProvider time)
{
    public IConversationService Service => service;

    public ConversationRenderer Renderer => renderer;

    public ProfileCache Profiles => profiles;

    public NodeSettings Settings => settings;

    public CursorCodec Cursors => cursors;

    public long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    public Task<BodyFields> BodyAsync(HttpRequest request, CancellationToken cancellationToken) =>
        JsonBody.ReadObjectAsync(request, settings.MaxBodyBytes, cancellationToken);

    /// <summary>The body's fields, or none when the request has no body or an empty one (optional bodies such as read).</summary>
    public Task<BodyFields?> OptionalBodyAsync(HttpRequest request, CancellationToken cancellationToken) =>
        JsonBody.ReadOptionalObjectAsync(request, settings.MaxBodyBytes, cancellationToken);

    /// <summary>The value of a successful call, or throws the refusal it came to.</summary>
    public static T Unwrap<T>(ServiceResult<T> result) =>
        result.IsOk ? result.Value : throw new RequestRefusedException(result.Error ?? Refusal.Invalid("unknown error"));
}
