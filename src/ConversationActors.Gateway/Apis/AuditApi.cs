using ConversationActors.Actors.Journal;
using ConversationActors.Actors.Serialization;
using ConversationActors.Gateway.Contracts;
using ConversationActors.Gateway.Http;

namespace ConversationActors.Gateway.Apis;

/// <summary>
/// SPEC 4.3: a user's journal, one entry per accepted write, read through Akka.Persistence.Query. After the journal's
/// life cycle deleted old events (issue 15), a <c>fromSeq</c> at or before the horizon answers 6017 naming it, and a
/// request without <c>fromSeq</c> starts where history starts (seq 1 for a whole journal, as before).
/// </summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/users/{userID}/events", async (string userID, HttpRequest request, JournalReader journal, StateReplay replay, CancellationToken ct) =>
            {
                RouteArgs.Id("userID", userID);
                var requested = RouteArgs.LongAtLeast(request.Query, "fromSeq", 1);
                var limit = RouteArgs.IntInRange(request.Query, "limit", 1, Domain.ConversationSettings.EventsLimitMax) ?? Domain.ConversationSettings.EventsLimitMax;

                // One row read says where history starts (1 unless the journal was compacted); the horizon (a snapshot
                // load) only for an explicit fromSeq before it. Without fromSeq the log starts where history starts.
                var first = await journal.FirstSeqAsync(userID, ct);
                if (requested is { } asked && asked < first && await replay.HorizonAsync(userID, ct) is { } horizon)
                {
                    throw HorizonRefusal.For("fromSeq", $"event {asked}", horizon);
                }

                var fromSeq = requested ?? Math.Max(1, first);

                var events = await journal.ReadAsync(userID, fromSeq, fromSeq + limit - 1, ct);
                return Envelope.Ok<IReadOnlyList<JournalEntryAnswer>>(events
                    .Select(e => new JournalEntryAnswer(e.Seq, e.Event.At, PayloadCodec.ManifestOf(e.Event), PayloadCodec.ToJson(e.Event)))
                    .ToArray());
            })
            .WithTags("Audit").WithName("GetUserEvents")
            .WithSummary("The user's journal from fromSeq (default: where history starts, 1 unless journal.retention deleted older events), at most limit (1..1000) entries: [{seq, timestamp, type, event}]; type is the event's manifest, e.g. MessageAdded.v1 (docs/events.md). With journal.retention on, a fromSeq at or before the horizon answers 6017 naming where history starts.");
        return app;
    }
}
