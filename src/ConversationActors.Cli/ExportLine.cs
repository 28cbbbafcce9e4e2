using System.Text.Json;
using ConversationActors.Actors.Serialization;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Replay;

namespace ConversationActors.Cli;

/// <summary>One line of an export (NDJSON): the event as the journal holds it, with its manifest.</summary>
public sealed record ExportLine(long Seq, string Manifest, long At, JsonElement Event)
{
    public static ExportLine From(JournalEvent e) =>
        new(e.Seq, PayloadCodec.ManifestOf(e.Event), e.Event.At, PayloadCodec.ToJson(e.Event));

    public static string Write(JournalEvent e) => JsonSerializer.Serialize(From(e), PayloadCodec.Options);

    public static ExportLine Read(string line) =>
        JsonSerializer.Deserialize<ExportLine>(line, PayloadCodec.Options) ?? throw new FormatException("empty export line");

    public IConversationEvent ToEvent() =>
        PayloadCodec.Deserialize(JsonSerializer.SerializeToUtf8Bytes(Event), Manifest) as IConversationEvent
        ?? throw new FormatException($"event {Seq} ({Manifest}) is not a conversation event");
}
