using System.Net;
using System.Text.Json;

namespace ConversationActors.Client;

/// <summary>
/// A refusal by the server (SPEC 4.4), or an answer that is not the SPEC's envelope. Every failed call of
/// <see cref="ConversationActorsClient"/> throws this type, except cancellation and transport failures
/// (<see cref="HttpRequestException"/>) that the client gives up on.
/// </summary>
public sealed class ConversationActorsException : Exception
{
    /// <summary>Code of an answer that was not an envelope (a proxy's error page, say).</summary>
    public const int NotAnEnvelope = -1;

    /// <summary>Creates the exception for a refusal.</summary>
    /// <param name="code">The SPEC's code (6017, 6004, 70001, 50003, 80002, 7008, 50005, 50004) or <see cref="NotAnEnvelope"/>.</param>
    /// <param name="desc">The server's words: which field, which limit.</param>
    /// <param name="httpStatus">The HTTP status of the answer.</param>
    /// <param name="data">The envelope's <c>data</c>, when the refusal carries one (a failed fan-out's <c>{failedUserIDs, delivered, duplicates}</c>).</param>
    public ConversationActorsException(int code, string desc, HttpStatusCode httpStatus, JsonElement? data = null)
        : base($"{(int)httpStatus} code {code}: {desc}")
    {
        Code = code;
        Desc = desc;
        HttpStatus = httpStatus;
        Data = data;
    }

    /// <summary>The SPEC's code: 6017 INVALID_PARAMETER, 6004 CONVERSATION_NOT_FOUND, 70001 UNAUTHENTICATED, 50003 FORBIDDEN, 80002 PAYLOAD_TOO_LARGE, 7008 RATE_LIMITED, 50005 TIMEOUT, 50004 STORE_UNAVAILABLE; <see cref="NotAnEnvelope"/> for a foreign answer.</summary>
    public int Code { get; }

    /// <summary>What was wrong, in words.</summary>
    public string Desc { get; }

    /// <summary>The HTTP status: 400, 401, 403, 404, 413, 429 or 503 for the SPEC's codes.</summary>
    public HttpStatusCode HttpStatus { get; }

    /// <summary>The envelope's <c>data</c> of the refusal, or null.</summary>
    public new JsonElement? Data { get; }
}
