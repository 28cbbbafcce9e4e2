using System.CommandLine;
using ConversationActors.Domain.Replay;
using Spectre.Console;

namespace ConversationActors.Cli.Commands;

/// <summary><c>convctl export --user U [--to-seq N] [--out file.ndjson]</c>: a user's journal as NDJSON.</summary>
public static class ExportCommand
{
    public static Command Create(CliContext cli)
    {
        var user = new Option<string>("--user") { Description = "the userID whose journal to export", Required = true };
        var toSeq = new Option<long?>("--to-seq") { Description = "stop after this event (default: the end)" };
        var output = new Option<string?>("--out") { Description = "write to this file (default: standard output)" };
        var command = new Command("export", "Export a user's events as NDJSON (one {seq, manifest, at, event} per line).") { user, toSeq, output };
        command.SetAction(async (parse, ct) =>
        {
            await using var session = cli.OpenSession(parse);
            var events = await session.Journal.ReadAsync(parse.GetValue(user)!, 1, parse.GetValue(toSeq) ?? long.MaxValue, ct);
            if (events.Count > 0 && events[0].Seq > 1)
            {
                cli.Error.WriteLine($"the journal's history starts after event {events[0].Seq - 1}: older events were deleted by journal.retention (the archive, if any, has them)");
            }

            if (parse.GetValue(output) is not { } path)
            {
                foreach (var e in events)
                {
                    cli.Out.WriteLine(ExportLine.Write(e));
                }

                return 0;
            }

            await using var file = new StreamWriter(path);
            await cli.Console.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask($"exporting {parse.GetValue(user)}", maxValue: Math.Max(1, events.Count));
                foreach (var e in events)
                {
                    await file.WriteLineAsync(ExportLine.Write(e));
                    task.Increment(1);
                }
            });
            cli.Console.MarkupLineInterpolated($"[green]{events.Count}[/] events written to {path}");
            return 0;
        });
        return command;
    }

    /// <summary>Reads an export file back into journal events.</summary>
    public static IReadOnlyList<JournalEvent> ReadFile(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(ExportLine.Read).Select(l => new JournalEvent(l.Seq, l.ToEvent())).ToArray();
}
