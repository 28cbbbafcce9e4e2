using System.Reflection;
using ConversationActors.Gateway.Rendering;
using Microsoft.AspNetCore.Http.Metadata;

namespace ConversationActors.Gateway.Http;

/// <summary>
/// A typed answer (issue 27, item 4): the response record <typeparamref name="T"/> in its envelope, written by
/// <see cref="AnswerWriter"/>. A handler declared to return <c>Answer&lt;T&gt;</c> is documented in OpenAPI as answering
/// <see cref="Envelope{T}"/> with HTTP 200 (<see cref="IEndpointMetadataProvider"/>, the way ASP.NET Core's
/// <c>TypedResults</c> document themselves), so the record an endpoint returns and the schema it shows are one type.
/// A refusal with data (a fan-out's partial failure) is the same answer with its SPEC code and HTTP status.
/// </summary>
public sealed class Answer<T>(T data, int code = 0, string desc = "", int status = StatusCodes.Status200OK, bool unbounded = false)
    : IResult, IEndpointMetadataProvider
{
    /// <summary>The response record.</summary>
    public T Data => data;

    /// <summary>
    /// True when nothing bounds the answer's size (the whole list): it is sent as it is serialized, chunked, instead of
    /// buffered whole (<see cref="AnswerWriter"/>). Only the handler knows it: a page and the whole list are one type.
    /// </summary>
    public bool Unbounded => unbounded;

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext) =>
        AnswerWriter.WriteAsync(httpContext, new Envelope<T>(code, desc, data), status, unbounded);

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(Envelope<T>), ["application/json"]));
}
