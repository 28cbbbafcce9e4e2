using System.CommandLine;
using ConversationActors.Actors.Journal;

namespace ConversationActors.Cli.Commands;

/// <summary><c>convctl import --in file.ndjson --user U2</c>: restore or move a user into a store where it has no journal.</summary>
public static class ImportCommand
{
    public static Command Create(CliContext cli)
    {
        var input = new Option<string>("--in") { Description = "an export file (NDJSON)", Required = true };
        var user = new Option<string>("--user") { Description = "the userID to import as (its journal must be empty)", Required = true };
        var command = new Command("import", "Import an export into an empty journal. Under another userID the events are folded from that user's point of view.") { input, user };
        command.SetAction(async (parse, ct) =>
        {
            var events = ExportCommand.ReadFile(parse.GetValue(input)!);
            var seqs = events.Select(e => e.Seq).ToArray();
            if (!seqs.SequenceEqual(Enumerable.Range(1, seqs.Length).Select(i => (long)i)))
            {
                cli.Error.WriteLine("the export's seq must run 1, 2, 3, … without gaps; refusing to import");
                return 2;
            }

            await using var session = cli.OpenSession(parse);
            try
            {
                var count = await JournalImporter.ImportAsync(session.System, parse.GetValue(user)!, events.Select(e => e.Event).ToArray(), TimeSpan.FromMinutes(10));
                cli.Out.WriteLine($"imported {count} events as {parse.GetValue(user)}");
                return 0;
            }
            catch (InvalidOperationException refused)
            {
                cli.Error.WriteLine(refused.Message);
                return 1;
            }
        });
        return command;
    }
}
