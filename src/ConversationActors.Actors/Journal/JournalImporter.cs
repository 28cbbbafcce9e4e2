using Akka.Actor;
using Akka.Persistence;
using ConversationActors.Domain.Events;

namespace ConversationActors.Actors.Journal;

/// <summary>
/// Writes a user's exported events into a store where that user has no journal yet (restore or move),
/// through the persistence plugin itself, so tables, serializer and sequence numbers are exactly the
/// service's. Refuses a user that already has events.
/// </summary>
public static class JournalImporter
{
    public static async Task<int> ImportAsync(ActorSystem system, string userID, IReadOnlyList<IConversationEvent> events, TimeSpan timeout)
    {
        var importer = system.ActorOf(Props.Create(() => new ImportActor(JournalReader.PersistenceIdOf(userID))));
        try
        {
            var answer = await importer.Ask<object>(new Import(events), timeout);
            return answer switch
            {
                Imported done => done.Count,
                ImportRefused refused => throw new InvalidOperationException(refused.Reason),
                _ => throw new InvalidOperationException($"unexpected answer {answer}"),
            };
        }
        finally
        {
            importer.Tell(PoisonPill.Instance);
        }
    }

    private sealed record Import(IReadOnlyList<IConversationEvent> Events);

    private sealed record Imported(int Count);

    private sealed record ImportRefused(string Reason);

    private sealed class ImportActor : ReceivePersistentActor
    {
        private const int Batch = 500;
        private IActorRef? _replyTo;

        public ImportActor(string persistenceId)
        {
            PersistenceId = persistenceId;
            Recover<object>(_ => { });
            Command<Import>(import =>
            {
                if (LastSequenceNr > 0)
                {
                    Sender.Tell(new ImportRefused($"{PersistenceId} already has {LastSequenceNr} events; import only into an empty journal"));
                    return;
                }

                var replyTo = _replyTo = Sender;
                foreach (var chunk in import.Events.Chunk(Batch))
                {
                    PersistAll(chunk, _ => { });
                }

                DeferAsync(import.Events.Count, count => replyTo.Tell(new Imported(count)));
            });
        }

        public override string PersistenceId { get; }

        protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
        {
            _replyTo?.Tell(new ImportRefused($"the store failed while importing at event {sequenceNr}: {cause.Message}; nothing after it was written"));
            base.OnPersistFailure(cause, @event, sequenceNr);
        }
    }
}
