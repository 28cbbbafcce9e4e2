using ConversationActors.Domain.Errors;

namespace ConversationActors.Gateway.Http;

/// <summary>Every answer's shape (SPEC 4): <c>{"code": 0, "desc": "", "data": ...}</c>, like the SDK callbacks.</summary>
public sealed record Envelope(int Code, string Desc, object? Data)
{
    public static IResult Ok(object? data) => TypedResults.Json(new Envelope(0, string.Empty, data), statusCode: StatusCodes.Status200OK);

    public static IResult Error(Refusal refusal, object? data = null) =>
        TypedResults.Json(new Envelope((int)refusal.Code, refusal.Desc, data), statusCode: ErrorStatus.For(refusal.Code));
}
