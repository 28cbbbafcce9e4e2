using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using ConversationActors.Actors.Entities;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Replay;

namespace ConversationActors.Actors.Journal;

/// <summary>
/// Reads users' journals through Akka.Persistence.Query on the SQL read journal: the event log,
/// time travel and the audit tools see exactly what recovery sees.
/// </summary>
public sealed class JournalReader(ActorSystem system)
{
    private readonly SqlReadJournal _journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
    private readonly IMaterializer _materializer = system.Materializer();

    public static string PersistenceIdOf(string userID) => ConversationSetActor.PersistencePrefix + userID;

    /// <summary>The user's events with seq in [<paramref name="fromSeq"/>, <paramref name="toSeq"/>], in order.</summary>
    public async Task<IReadOnlyList<JournalEvent>> ReadAsync(string userID, long fromSeq, long toSeq, CancellationToken cancellationToken)
    {
        var envelopes = await _journal
            .CurrentEventsByPersistenceId(PersistenceIdOf(userID), fromSeq, toSeq)
            .RunWith(Sink.Seq<EventEnvelope>(), _materializer)
            .WaitAsync(cancellationToken);
        return envelopes
            .Where(e => e.Event is IConversationEvent)
            .Select(e => new JournalEvent(e.SequenceNr, (IConversationEvent)e.Event))
            .ToArray();
    }

    /// <summary>
    /// The seq of the user's first stored event (0: none). Above 1 only after the journal's life cycle deleted the
    /// events before it (issue 15): the deleted ones are never read again.
    /// </summary>
    public async Task<long> FirstSeqAsync(string userID, CancellationToken cancellationToken)
    {
        var first = await _journal
            .CurrentEventsByPersistenceId(PersistenceIdOf(userID), 0, long.MaxValue)
            .Take(1)
            .RunWith(Sink.FirstOrDefault<EventEnvelope>(), _materializer)
            .WaitAsync(cancellationToken);
        return first?.SequenceNr ?? 0;
    }

    /// <summary>Every user that has a conversation journal.</summary>
    public async Task<IReadOnlyList<string>> UserIDsAsync(CancellationToken cancellationToken)
    {
        var ids = await _journal.CurrentPersistenceIds()
            .Where(id => id.StartsWith(ConversationSetActor.PersistencePrefix, StringComparison.Ordinal))
            .RunWith(Sink.Seq<string>(), _materializer)
            .WaitAsync(cancellationToken);
        return ids.Select(id => id[ConversationSetActor.PersistencePrefix.Length..]).Order(StringComparer.Ordinal).ToArray();
    }
}
