using ConversationActors.Domain.Errors;

namespace ConversationActors.Gateway.Http;

/// <summary>The SPEC 4.4 table: which HTTP status each error code travels with. The one place for it.</summary>
public static class ErrorStatus
{
    public static int For(ErrorCode code) => code switch
    {
        ErrorCode.Ok => StatusCodes.Status200OK,
        ErrorCode.InvalidParameter => StatusCodes.Status400BadRequest,
        ErrorCode.ConversationNotFound => StatusCodes.Status404NotFound,
        ErrorCode.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorCode.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCode.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorCode.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorCode.Timeout => StatusCodes.Status503ServiceUnavailable,
        ErrorCode.StoreUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The code for a bare status that the framework produced (routing, Kestrel limits).</summary>
    public static ErrorCode CodeFor(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => ErrorCode.Unauthenticated,
        StatusCodes.Status403Forbidden => ErrorCode.Forbidden,
        StatusCodes.Status413PayloadTooLarge => ErrorCode.PayloadTooLarge,
        StatusCodes.Status429TooManyRequests => ErrorCode.RateLimited,
        StatusCodes.Status503ServiceUnavailable => ErrorCode.Timeout,
        _ => ErrorCode.InvalidParameter,
    };
}
