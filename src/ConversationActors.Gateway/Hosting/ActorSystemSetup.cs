using Akka.Cluster;
using Akka.Hosting;
using ConversationActors.Actors.Configuration;
using ConversationActors.Actors.Services;
using ConversationActors.Actors.Sharding;

namespace ConversationActors.Gateway.Hosting;

/// <summary>
/// Hosts the node's ActorSystem with Akka.Hosting: HOCON from config/ (plus the <c>ConversationActors:Hocon</c>
/// setting, for tests and tools), the SQLite file prepared, the cluster joined, the shard regions started
/// here or proxied (gateway-only role).
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
        builder.Services.AddSingleton<RegionsHolder>();
        builder.Services.AddSingleton<IConversationService>(sp => new ShardedConversationService(
            sp.GetRequiredService<RegionsHolder>().Regions,
            sp.GetRequiredService<NodeSettings>().AskTimeout));

        builder.Services.AddAkka(ActorSystemName, (akka, sp) =>
        {
            var settings = sp.GetRequiredService<NodeSettings>();
            if (SqliteStore.PluginSetup(config) is { } plugins)
            {
                akka.AddSetup(plugins);
            }

            akka.AddHocon(config, HoconAddMode.Prepend)
                .ConfigureLoggers(loggers => loggers.AddLoggerFactory())
                .StartActors(async (system, _) =>
                {
                    ClusterStartup.JoinSelfWithoutSeeds(system);
                    var role = settings.EntityRole;
                    var hostsEntities = role is null || Cluster.Get(system).SelfRoles.Contains(role);
                    var regions = hostsEntities
                        ? await ShardRegions.StartAsync(system, settings.Entities, settings.ShardCount, role)
                        : await ShardRegions.StartProxiesAsync(system, settings.ShardCount, role);
                    sp.GetRequiredService<RegionsHolder>().Set(regions);
                });
        });
        return builder;
    }
}
