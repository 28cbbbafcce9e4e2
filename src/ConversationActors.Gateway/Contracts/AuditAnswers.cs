using System.Text.Json;

namespace ConversationActors.Gateway.Contracts;

/// <summary>One entry of a user's journal (SPEC 4.3 <c>GET …/events</c>, whose answer is an array of them).</summary>
/// <param name="Seq">1, 2, 3, … per user.</param>
/// <param name="Timestamp">Server time of the write, ms since the epoch.</param>
/// <param name="Type">The stable manifest of the event's current schema, e.g. <c>MessageAdded.v1</c> (docs/events.md), never a class name.</param>
/// <param name="Event">The write's fields (for messages: conversationID, msgID, …), as the journal's codec writes them.</param>
public sealed record JournalEntryAnswer(long Seq, long Timestamp, string Type, JsonElement Event);

/// <summary>The change feed's <c>conversationDeleted</c> item (SPEC 4.3).</summary>
/// <param name="ConversationID">The deleted conversation.</param>
public sealed record ConversationDeletedItem(string ConversationID);
