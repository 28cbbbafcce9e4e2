using System.Text.Json;
using System.Text.Json.Serialization;
using ConversationActors.Actors.Configuration;
using ConversationActors.Actors.Journal;
using ConversationActors.Actors.Profiles;
using ConversationActors.Domain.Paging;
using ConversationActors.Gateway.Apis;
using ConversationActors.Gateway.Http;
using ConversationActors.Gateway.Rendering;

namespace ConversationActors.Gateway.Hosting;

/// <summary>The gateway's own services: JSON, limits, rendering, OpenAPI, health checks.</summary>
public static class GatewayServices
{
    public static WebApplicationBuilder AddGatewayServices(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(json => ConfigureJson(json.SerializerOptions));
        builder.Services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<EdgeSettings>((kestrel, settings) =>
            {
                BodySizeLimit.Configure(kestrel, settings);
                kestrel.AddServerHeader = false;
            });
        builder.Services.AddSingleton<IProfileStore>(sp => new JournalProfileStore(sp.GetRequiredService<Akka.Actor.ActorSystem>()));
        builder.Services.AddSingleton<ProfileCache>();
        builder.Services.AddSingleton<ConversationRenderer>();
        builder.Services.AddSingleton<AnswerJson>();
        builder.Services.AddSingleton(sp => new CursorCodec(sp.GetRequiredService<NodeSettings>().CursorKey));
        builder.Services.AddSingleton<ApiContext>();
        builder.Services.AddSingleton<TimeTravel>();
        builder.Services.AddSingleton(sp => new JournalReader(sp.GetRequiredService<Akka.Actor.ActorSystem>()));
        builder.Services.AddSingleton(sp => new StateReplay(
            sp.GetRequiredService<JournalReader>(),
            new SnapshotReader(sp.GetRequiredService<Akka.Actor.ActorSystem>(), sp.GetRequiredService<NodeSettings>().AskTimeout),
            sp.GetRequiredService<NodeSettings>().Fold.DedupeWindow));
        builder.Services.AddOpenApi(options => options.AddJsonBodyDocs());
        // A store outage is logged once by StoreHealth; the health service would log it again on every probe.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.Error);
        builder.Services.AddHealthChecks()
            .AddCheck<ClusterReadyCheck>("cluster", tags: ["ready"])
            .AddCheck<StoreReadyCheck>("store", tags: ["ready"])
            .AddCheck<EntityFaultsCheck>("entities", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// The gateway's JSON on top of ASP.NET Core's web defaults (camelCase): enums by their SPEC names only, null
    /// fields written (SPEC 3.2 lists every field).
    /// </summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    }
}
