using Akka.Actor;
using ConversationActors.Actors.Configuration;
using ConversationActors.Actors.Journal;
using ConversationActors.Actors.Services;
using ConversationActors.Gateway.Rendering;

namespace ConversationActors.Gateway.Changes;

/// <summary>Registers the live change feed (issue #8): settings from <c>conversation-actors.changes</c>, metrics, the stream opener.</summary>
public static class ChangeFeedServices
{
    public static WebApplicationBuilder AddChangeFeed(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => ChangeFeedSettings.From(sp.GetRequiredService<ActorSystem>().Settings.Config));
        builder.Services.AddSingleton<ChangeFeedMetrics>();
        builder.Services.AddSingleton(sp => new SseFrames(
            sp.GetRequiredService<ConversationRenderer>(),
            sp.GetRequiredService<AnswerJson>().Options));
        builder.Services.AddSingleton(sp => new ChangeFeedDependencies(
            sp.GetRequiredService<JournalReader>(),
            sp.GetRequiredService<StateReplay>(),
            sp.GetRequiredService<IConversationService>(),
            sp.GetRequiredService<SseFrames>(),
            sp.GetRequiredService<ChangeFeedSettings>(),
            sp.GetRequiredService<ChangeFeedMetrics>(),
            sp.GetRequiredService<NodeSettings>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ChangeStream>>()));
        builder.Services.AddSingleton<ChangeFeedService>();
        return builder;
    }
}
