using ConversationActors.Actors.Configuration;
using ConversationActors.Domain.Errors;

namespace ConversationActors.Gateway.Http;

/// <summary>
/// Makes every answer the SPEC's envelope: refuses bodies over the limit before they are read (413),
/// turns refused requests into their error, and gives the framework's bare statuses (unknown route,
/// wrong method) an envelope too. Nothing a client sends becomes a 500.
/// </summary>
public sealed class EnvelopeMiddleware(RequestDelegate next, EdgeSettings settings, ILogger<EnvelopeMiddleware> log)
{
    private const int InternalErrorCode = 50000;

    public async Task InvokeAsync(HttpContext context)
    {
        if (BodySizeLimit.CheckDeclared(context.Request, settings) is { } tooLarge)
        {
            await WriteAsync(context, tooLarge);
            return;
        }

        try
        {
            await next(context);
        }
        catch (RequestRefusedException refused) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, refused.Refusal, data: refused.AnswerData);
            return;
        }
        catch (BadHttpRequestException bad) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? BodySizeLimit.Exceeded(settings.MaxBodyBytes)
                : new Refusal(ErrorCode.InvalidParameter, "malformed request: " + bad.Message));
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (!context.Response.HasStarted && IsAskTimeout(e))
        {
            // An ask outside the entity path (a service opening the read journal on a node that starts under load, issue
            // 31): the cluster did not answer in time, which the SPEC answers 503 TIMEOUT, not 500.
            log.LogWarning("{Method} {Path}: the cluster did not answer in time ({Cause})", context.Request.Method, context.Request.Path, e.GetBaseException().Message);
            await WriteAsync(context, new Refusal(ErrorCode.Timeout, "the cluster did not answer in time (a node still starting or overloaded); retry"));
            return;
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            log.LogError(e, "Unhandled error for {Method} {Path}", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(new Envelope(InternalErrorCode, "internal error; the request may be retried", null));
            return;
        }

        if (context.Response is { HasStarted: false, StatusCode: >= 400 } response && response.ContentLength is null or 0)
        {
            var desc = response.StatusCode switch
            {
                StatusCodes.Status404NotFound => $"no such route: {context.Request.Method} {context.Request.Path}",
                StatusCodes.Status405MethodNotAllowed => $"method {context.Request.Method} is not allowed on {context.Request.Path}",
                _ => $"request refused with HTTP {response.StatusCode}",
            };
            var status = response.StatusCode;
            await WriteAsync(context, new Refusal(ErrorStatus.CodeFor(status), desc), status);
        }
    }

    private static bool IsAskTimeout(Exception e) => e is Akka.Actor.AskTimeoutException || e.GetBaseException() is Akka.Actor.AskTimeoutException;

    private static async Task WriteAsync(HttpContext context, Refusal refusal, int? status = null, object? data = null)
    {
        context.Response.Clear();
        context.Response.StatusCode = status ?? ErrorStatus.For(refusal.Code);
        await context.Response.WriteAsJsonAsync(new Envelope((int)refusal.Code, refusal.Desc, data));
    }
}
