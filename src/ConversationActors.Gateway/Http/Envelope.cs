using ConversationActors.Domain.Errors;

namespace ConversationActors.Gateway.Http;

/// <summary>
/// A refusal's shape (SPEC 4.4): <c>{"code": 6017, "desc": "…", "data": null}</c>, like the SDK's error callbacks; the
/// framework's and the middleware's refusals write it. Successful answers are <see cref="Envelope{T}"/>, written by
/// <see cref="Answer{T}"/>.
/// </summary>
public sealed record Envelope(int Code, string Desc, object? Data)
{
    /// <summary>A successful answer: <paramref name="data"/> in the envelope, code 0, HTTP 200, documented as its record.</summary>
    public static Answer<T> Ok<T>(T data) => new(data);

    /// <summary>
    /// A successful answer nothing bounds the size of (the whole list of thousands of conversations): like
    /// <see cref="Ok{T}(T)"/> on the wire, but sent as it is serialized so its memory stays O(page).
    /// </summary>
    public static Answer<T> OkUnbounded<T>(T data) => new(data, unbounded: true);

    /// <summary>An answer that carries no data (<c>"data": null</c>), e.g. a deleted conversation.</summary>
    public static Answer<NoData?> Ok() => new(null);

    public static IResult Error(Refusal refusal, object? data = null) =>
        TypedResults.Json(new Envelope((int)refusal.Code, refusal.Desc, data), statusCode: ErrorStatus.For(refusal.Code));
}

/// <summary>
/// Every successful answer's shape (SPEC 4): <c>{"code": 0, "desc": "", "data": …}</c> with <see cref="Data"/> the
/// endpoint's response record <typeparamref name="T"/>. It is both what <see cref="Answer{T}"/> writes and the schema
/// OpenAPI shows for the endpoint (one per T, e.g. <c>EnvelopeOfConversationListAnswer</c>).
/// </summary>
/// <param name="Code">0 for success; a refusal's SPEC code otherwise (a fan-out's partial failure).</param>
/// <param name="Desc">Empty for success; a refusal's words otherwise.</param>
/// <param name="Data">The answer; null only where the endpoint answers none.</param>
public sealed record Envelope<T>(int Code, string Desc, T Data);

/// <summary>The data of answers that carry none: always written as <c>null</c> (delete, rename); never instantiated.</summary>
public sealed record NoData
{
    private NoData()
    {
    }
}
