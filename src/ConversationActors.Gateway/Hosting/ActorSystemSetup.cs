using Akka.Hosting;
using ConversationActors.Actors.Configuration;
using ConversationActors.Actors.Services;
using ConversationActors.Actors.Sharding;

namespace ConversationActors.Gateway.Hosting;

/// <summary>
/// Hosts the node's ActorSystem with Akka.Hosting: HOCON from config/ (plus the <c>ConversationActors:Hocon</c>
/// setting, for tests and tools), the SQLite file prepared, the cluster joined, the shard regions started
/// here or proxied (gateway-only role) with Akka.Hosting's <c>WithShardRegion</c> and resolved through its actor registry.
/// </summary>
public static class ActorSystemSetup
{
    public const string ActorSystemName = "conversation-actors";
    public const string HoconOverrideKey = "ConversationActors:Hocon";
    public const string ConfigDirKey = "ConversationActors:ConfigDir";

    public static WebApplicationBuilder AddConversationActors(this WebApplicationBuilder builder)
    {
        var directory = builder.Configuration[ConfigDirKey] is { Length: > 0 } dir ? dir : AkkaConfigLoader.DefaultDirectory;
        var config = AkkaConfigLoader.Load(directory, builder.Configuration[HoconOverrideKey]);
        if (config.GetString("conversation-actors.store") == "sqlite")
        {
            SqliteStore.Prepare(config.GetString("akka.persistence.journal.sql.connection-string"));
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => NodeSettings.From(config, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(EdgeSettings.From(config));
        builder.Services.AddSingleton<IConversationService>(sp => new ShardedConversationService(
            ShardRegions.ResolveAsync(sp),
            sp.GetRequiredService<NodeSettings>().AskTimeout));

        builder.Services.AddAkka(ActorSystemName, (akka, sp) =>
        {
            var settings = sp.GetRequiredService<NodeSettings>();
            if (SqliteStore.PluginSetup(config) is { } plugins)
            {
                akka.AddSetup(plugins);
            }

            // Entities live on nodes with the entity role (every node without one); a node without it proxies.
            var role = settings.EntityRole;
            var hostsEntities = role is null || config.GetStringList("akka.cluster.roles").Contains(role);
            akka.AddHocon(config, HoconAddMode.Prepend)
                .ConfigureLoggers(loggers => loggers.AddLoggerFactory())
                .AddStartup((system, _) => ClusterStartup.JoinSelfWithoutSeeds(system));
            ShardRegions.WithShardRegions(akka, settings.Entities, settings.ShardCount, role, hostsEntities);
        });
        return builder;
    }
}
