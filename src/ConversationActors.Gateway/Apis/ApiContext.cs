using ConversationActors.Actors.Configuration;
using ConversationActors.Actors.Services;
using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Paging;
using ConversationActors.Gateway.Contracts;
using ConversationActors.Gateway.Http;
using ConversationActors.Gateway.Rendering;

namespace ConversationActors.Gateway.Apis;

/// <summary>What every endpoint needs, bundled so handlers stay short.</summary>
public sealed class ApiContext(
    IConversationService service,
    ConversationRenderer renderer,
    ProfileCache profiles,
    NodeSettings settings,
    EdgeSettings edge,
    CursorCodec cursors,
    TimeProvider time)
{
    public IConversationService Service => service;

    public ConversationRenderer Renderer => renderer;

    public ProfileCache Profiles => profiles;

    public NodeSettings Settings => settings;

    public CursorCodec Cursors => cursors;

    public long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The body as its contract <typeparamref name="T"/>; a missing, malformed or invalid body is 6017 (413 when too large).</summary>
    public async Task<T> BodyAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : IRequestBody<T> =>
        T.Read(await JsonBody.ReadObjectAsync(request, edge.MaxBodyBytes, cancellationToken), settings);

    /// <summary>Like <see cref="BodyAsync{T}"/>, but no body or an empty one (optional bodies such as read) is null.</summary>
    public async Task<T?> OptionalBodyAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class, IRequestBody<T> =>
        await JsonBody.ReadOptionalObjectAsync(request, edge.MaxBodyBytes, cancellationToken) is { } body ? T.Read(body, settings) : null;

    /// <summary>The value of a successful call, or throws the refusal it came to.</summary>
    public static T Unwrap<T>(ServiceResult<T> result) =>
        result.IsOk ? result.Value : throw new RequestRefusedException(result.Error ?? Refusal.Invalid("unknown error"));
}
