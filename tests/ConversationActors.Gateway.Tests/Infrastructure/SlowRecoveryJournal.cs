using Akka.Configuration;
using ConversationActors.Actors.Journal;

namespace ConversationActors.Gateway.Tests.Infrastructure;

/// <summary>
/// The real SQL journal, except that recovering a user whose ID starts with <see cref="SlowPrefix"/>
/// takes <see cref="Delay"/>: a deterministic way to make the cluster answer later than ask-timeout.
/// </summary>
public sealed class SlowRecoveryJournal(Config config) : SqlJournal(config)
{
    public const string SlowPrefix = "conversations-slow-";
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    public const string ConfigLine =
        "akka.persistence.journal.sql.class = \"ConversationActors.Gateway.Tests.Infrastructure.SlowRecoveryJournal, ConversationActors.Gateway.Tests\"";

    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        if (persistenceId.StartsWith(SlowPrefix, StringComparison.Ordinal))
        {
            await Task.Delay(Delay, cancellationToken);
        }

        return await base.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);
    }
}
