using System.CommandLine;
using System.Globalization;
using ConversationActors.Actors.Journal;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.Replay;
using ConversationActors.Domain.State;
using Spectre.Console;

namespace ConversationActors.Cli.Commands;

/// <summary>
/// <c>convctl replay --user U [--as-of T | --as-of-seq N]</c>: the list as it was, folded from the journal. A target
/// before a compacted journal's horizon exits 1 saying where history starts (issue 15).
/// </summary>
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
            try
            {
                var (state, at) = parse.GetValue(asOfSeq) is { } seq
                    ? await AfterSeqAsync(session, userID, seq, ct)
                    : moment is { } m
                        ? ((await session.Replay.AtAsync(userID, m.ToUnixTimeMilliseconds(), ct)).State, m.ToUnixTimeMilliseconds())
                        : ((await session.Replay.AfterSeqAsync(userID, long.MaxValue, ct)).State, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                Render(cli.Console, userID, state, at, session.Settings.Fold.RetentionMs);
                return 0;
            }
            catch (BeforeHorizonException before)
            {
                cli.Error.WriteLine(before.Message);
                return 1;
            }
        });
        return command;
    }

    /// <summary>The set after event <paramref name="seq"/> (or the journal's end, if it ends before), judged at that event's time.</summary>
    private static async Task<(ConversationSet State, long At)> AfterSeqAsync(StoreSession session, string userID, long seq, CancellationToken ct)
    {
        var replayed = await session.Replay.AfterSeqAsync(userID, seq, ct);
        return (replayed.State, replayed.At);
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
