using System.Text.Json;

namespace ConversationActors.Actors.Journal;

/// <summary>
/// What <c>convctl archive</c> has written for one user (issue 15): every event through <paramref name="ArchivedThroughSeq"/>
/// is in <c>&lt;user&gt;.ndjson</c>, whose first <paramref name="Bytes"/> bytes hold them. Kept beside it as
/// <c>&lt;user&gt;.archived.json</c>, replaced atomically after the NDJSON is flushed; the entity deletes events only up
/// to it, and a later archive run truncates anything the file holds beyond <paramref name="Bytes"/> (a crashed run).
/// </summary>
public sealed record ArchiveWatermark(long ArchivedThroughSeq, long Bytes)
{
    public static ArchiveWatermark None { get; } = new(0, 0);

    /// <summary>The user's archive file (NDJSON, one export line per event from seq 1).</summary>
    public static string ArchivePath(string directory, string userID) => Path.Combine(directory, FileName(userID) + ".ndjson");

    /// <summary>The watermark of <paramref name="userID"/>, or <see cref="None"/> when nothing is archived.</summary>
    public static ArchiveWatermark Read(string directory, string userID)
    {
        var path = WatermarkPath(directory, userID);
        return File.Exists(path)
            ? JsonSerializer.Deserialize<ArchiveWatermark>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} is empty")
            : None;
    }

    /// <summary>Records the watermark atomically (write beside, then rename over the old one).</summary>
    public void Write(string directory, string userID)
    {
        var path = WatermarkPath(directory, userID);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, path, overwrite: true);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static string WatermarkPath(string directory, string userID) => Path.Combine(directory, FileName(userID) + ".archived.json");

    // userIDs hold no '/', whitespace or control characters (IdRules); escaping also covers '\', ':' and the like.
    private static string FileName(string userID) => Uri.EscapeDataString(userID);
}
