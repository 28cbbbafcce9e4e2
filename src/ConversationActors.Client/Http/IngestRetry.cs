using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace ConversationActors.Client.Http;

/// <summary>
/// The one retry the client makes: a message ingest or fan-out (marked with <see cref="Key"/>) answered 503
/// (TIMEOUT or STORE_UNAVAILABLE) or not answered at all. The SPEC makes exactly these safe to repeat (idempotent
/// by msgID); every other request, and every 4xx, passes through untouched.
/// </summary>
internal static class IngestRetry
{
    /// <summary>Marks a request as safe to retry.</summary>
    public static readonly HttpRequestOptionsKey<bool> Key = new("ConversationActors.IdempotentIngest");

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ConversationActorsClientOptions options)
    {
        if (options.IngestRetries <= 0)
        {
            return;
        }

        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.IngestRetries,
            Delay = options.IngestRetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Context.GetRequestMessage(), args.Outcome)),
        });
    }

    public static ResiliencePipeline<HttpResponseMessage> Build(ConversationActorsClientOptions options)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        Configure(builder, options);
        return builder.Build();
    }

    private static bool ShouldRetry(HttpRequestMessage? request, Outcome<HttpResponseMessage> outcome)
    {
        if (request is null || !request.Options.TryGetValue(Key, out var idempotent) || !idempotent)
        {
            return false;
        }

        return outcome.Result?.StatusCode == HttpStatusCode.ServiceUnavailable || outcome.Exception is HttpRequestException;
    }
}
