using System.CommandLine;
using System.Text;
using ConversationActors.Actors.Journal;

namespace ConversationActors.Cli.Commands;

/// <summary>
/// <c>convctl archive (--user U | --all) [--dir D]</c> (issue 15): appends each user's events not yet archived to
/// <c>D/&lt;user&gt;.ndjson</c> (the export format, from seq 1) and then records the archived seq beside it, which is what
/// the entities wait for before deleting events when <c>journal.archive-dir</c> is set. Run it periodically (cron);
/// it is incremental, and a run that crashed is repaired by the next one (the file is cut back to the recorded size).
/// <c>convctl import</c> restores an archive file.
/// </summary>
public static class ArchiveCommand
{
    private const int Page = 1000;

    public static Command Create(CliContext cli)
    {
        var user = new Option<string?>("--user") { Description = "archive this user" };
        var all = new Option<bool>("--all") { Description = "archive every user in the journal" };
        var dir = new Option<string?>("--dir") { Description = "the archive folder (default: conversation-actors.journal.archive-dir)" };
        var command = new Command("archive", "Append users' not yet archived events to NDJSON files; the journal's life cycle deletes events only after this.") { user, all, dir };
        command.SetAction(async (parse, ct) =>
        {
            if ((parse.GetValue(user) is null) == !parse.GetValue(all))
            {
                cli.Error.WriteLine("give --user U or --all");
                return 2;
            }

            await using var session = cli.OpenSession(parse);
            if ((parse.GetValue(dir) ?? session.Settings.Entities.Journal.ArchiveDirectory) is not { } directory)
            {
                cli.Error.WriteLine("give --dir or set conversation-actors.journal.archive-dir (CONVERSATION_ACTORS_JOURNAL_ARCHIVE_DIR)");
                return 2;
            }

            Directory.CreateDirectory(directory);
            var users = parse.GetValue(user) is { } one ? [one] : await session.Journal.UserIDsAsync(ct);
            var failed = 0;
            foreach (var userID in users)
            {
                var line = await ArchiveAsync(session.Journal, directory, userID, ct);
                (line.Ok ? cli.Out : cli.Error).WriteLine(line.Text);
                failed += line.Ok ? 0 : 1;
            }

            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    private static async Task<(bool Ok, string Text)> ArchiveAsync(JournalReader journal, string directory, string userID, CancellationToken ct)
    {
        var watermark = ArchiveWatermark.Read(directory, userID);
        var first = await journal.FirstSeqAsync(userID, ct);
        if (first > watermark.ArchivedThroughSeq + 1)
        {
            return (false, $"{userID}: events {watermark.ArchivedThroughSeq + 1}..{first - 1} were deleted before they were archived " +
                $"(the journal's history starts after event {first - 1}); archive only from where history starts with `convctl export`");
        }

        var path = ArchiveWatermark.ArchivePath(directory, userID);
        await using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite);
        file.SetLength(watermark.Bytes); // drops what a crashed run wrote after its last recorded watermark
        file.Seek(0, SeekOrigin.End);
        var last = watermark.ArchivedThroughSeq;
        await using (var writer = new StreamWriter(file, new UTF8Encoding(false), leaveOpen: true))
        {
            while (true)
            {
                var page = await journal.ReadAsync(userID, last + 1, last + Page, ct);
                foreach (var e in page)
                {
                    await writer.WriteLineAsync(ExportLine.Write(e));
                    last = e.Seq;
                }

                if (page.Count < Page)
                {
                    break;
                }
            }
        }

        file.Flush(flushToDisk: true);
        new ArchiveWatermark(last, file.Length).Write(directory, userID);
        var horizon = first > 1 ? $"; the journal's history starts after event {first - 1}" : string.Empty;
        return last == watermark.ArchivedThroughSeq
            ? (true, $"{userID}: nothing new; {path} holds events 1..{last}{horizon}")
            : (true, $"{userID}: archived events {watermark.ArchivedThroughSeq + 1}..{last}; {path} holds events 1..{last}{horizon}");
    }
}
