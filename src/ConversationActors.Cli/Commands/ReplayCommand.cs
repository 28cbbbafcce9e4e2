using System.CommandLine;
using System.Globalization;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.Replay;
using ConversationActors.Domain.State;
using Spectre.Console;

namespace ConversationActors.Cli.Commands;

/// <summary><c>convctl replay --user U [--as-of T | --as-of-seq N]</c>: the list as it was, folded from the journal.</summary>
public static class ReplayCommand
{
    public static Command Create(CliContext cli)
    {
        var user = new Option<string>("--user") { Description = "the userID to replay", Required = true };
        var asOf = new Option<string?>("--as-of") { Description = "a moment, ISO-8601 with a zone (e.g. 2026-11-21T10:00:00Z)" };
        var asOfSeq = new Option<long?>("--as-of-seq") { Description = "after this event" };
        var command = new Command("replay", "Show a user's conversation list as it was at a moment or after an event.") { user, asOf, asOfSeq };
        command.SetAction(async (parse, ct) =>
        {
            var userID = parse.GetValue(user)!;
            if (parse.GetValue(asOf) is not null && parse.GetValue(asOfSeq) is not null)
            {
                cli.Error.WriteLine("give --as-of or --as-of-seq, not both");
                return 2;
            }

            DateTimeOffset? moment = null;
            if (parse.GetValue(asOf) is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) || !HasZone(text))
                {
                    cli.Error.WriteLine($"--as-of must be ISO-8601 with a zone, got \"{text}\"");
                    return 2;
                }

                moment = parsed;
            }

            await using var session = cli.OpenSession(parse);
            var window = session.Settings.Fold.DedupeWindow;
            var journal = await session.Journal.ReadAsync(userID, 1, parse.GetValue(asOfSeq) ?? long.MaxValue, ct);
            var (state, at) = parse.GetValue(asOfSeq) is { } seq
                ? JournalReplay.AsOfSeq(userID, journal, seq, window)
                : moment is { } m
                    ? (JournalReplay.AsOf(userID, journal, m.ToUnixTimeMilliseconds(), window), m.ToUnixTimeMilliseconds())
                    : (JournalReplay.Fold(userID, journal.Select(e => e.Event), window), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            Render(cli.Console, userID, state, at, session.Settings.Fold.RetentionMs);
            return 0;
        });
        return command;
    }

    internal static bool HasZone(string text) => text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    private static void Render(IAnsiConsole console, string userID, ConversationSet state, long at, long retentionMs)
    {
        var list = ListQueries.All(state, at, retentionMs).ConversationList;
        var table = new Table().Title($"{userID} at {DateTimeOffset.FromUnixTimeMilliseconds(at):u}")
            .AddColumns("#", "conversationID", "orderKey", "pinned", "unread", "recvOpt", "lastMessage", "draft");
        var position = 1;
        foreach (var c in list)
        {
            table.AddRow(
                (position++).ToString(CultureInfo.InvariantCulture),
                Markup.Escape(c.ConversationID),
                c.OrderKey.ToString(CultureInfo.InvariantCulture),
                c.IsPinned ? "yes" : "",
                c.UnreadCount.ToString(CultureInfo.InvariantCulture),
                WireNames<RecvOpt>.Name(c.RecvOpt),
                Markup.Escape(c.LastMessage is { } m ? $"{m.MsgID}: {m.Summary}" : ""),
                Markup.Escape(c.DraftText ?? ""));
        }

        console.Write(table);
        console.MarkupLineInterpolated($"{list.Count} conversations, total unread {ListQueries.TotalUnread(state, at, retentionMs)}");
    }
}
