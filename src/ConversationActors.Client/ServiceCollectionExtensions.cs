using ConversationActors.Client.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ConversationActors.Client;

/// <summary>Registers <see cref="ConversationActorsClient"/> with <c>IHttpClientFactory</c>.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ConversationActorsClient"/> as a typed HTTP client: its base address and token provider
    /// come from <paramref name="configure"/>; message ingest and fan-out retry on 503 with exponential backoff
    /// (Microsoft.Extensions.Http.Resilience), nothing else retries. Returns the builder to add handlers.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options; it may read other services.</param>
    public static IHttpClientBuilder AddConversationActorsClient(this IServiceCollection services, Action<IServiceProvider, ConversationActorsClientOptions> configure)
    {
        services.AddOptions<ConversationActorsClientOptions>().Configure<IServiceProvider>((options, sp) => configure(sp, options));
        var builder = services.AddHttpClient<ConversationActorsClient>((sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<ConversationActorsClientOptions>>().Value;
            http.BaseAddress = ConversationActorsClient.WithTrailingSlash(options.BaseAddress);
            // The change feed is a long-lived response; single calls are bounded by their CancellationToken.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        builder.AddResilienceHandler("conversation-actors-ingest", (pipeline, context) =>
            IngestRetry.Configure(pipeline, context.ServiceProvider.GetRequiredService<IOptions<ConversationActorsClientOptions>>().Value));
        return builder;
    }

    /// <summary>Adds <see cref="ConversationActorsClient"/>; see the other overload.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    public static IHttpClientBuilder AddConversationActorsClient(this IServiceCollection services, Action<ConversationActorsClientOptions> configure) =>
        services.AddConversationActorsClient((_, options) => configure(options));
}
