using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConversationActors.Actors.Serialization;
using ConversationActors.Client;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.Replay;
using ConversationActors.Domain.State;
using Microsoft.Extensions.Options;

namespace ConversationActors.Cli.Commands;

/// <summary>
/// <c>convctl verify [--user U | --all] --url URL</c>: folds each journal and compares the result with
/// the live service's answers, conversation by conversation. Exit code 1 on any mismatch.
/// </summary>
public static class VerifyCommand
{
    /// <summary>The fields that come from the journal (names and avatars come from profiles, not compared).</summary>
    private static readonly string[] Compared = ["orderKey", "isPinned", "unreadCount", "recvOpt", "draftText", "draftTimestamp", "lastMessage", "groupAtInfoList", "groupType", "markList", "customData", "conversationGroupList"];

    public static Command Create(CliContext cli)
    {
        var user = new Option<string?>("--user") { Description = "verify this user" };
        var all = new Option<bool>("--all") { Description = "verify every user in the journal" };
        var url = new Option<string>("--url") { Description = "the running gateway", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var token = new Option<string?>("--token") { Description = "bearer token for the gateway (an admin token when authentication is on)" };
        var command = new Command("verify", "Compare the journal's fold with the live service's lists; exit 1 on any mismatch.") { user, all, url, token };
        command.SetAction(async (parse, ct) =>
        {
            if ((parse.GetValue(user) is null) == !parse.GetValue(all))
            {
                cli.Error.WriteLine("give --user U or --all");
                return 2;
            }

            await using var session = cli.OpenSession(parse);
            var users = parse.GetValue(user) is { } one ? [one] : await session.Journal.UserIDsAsync(ct);
            using var http = cli.CreateHttpClient();
            var bearer = parse.GetValue(token);
            var client = new ConversationActorsClient(http, Options.Create(new ConversationActorsClientOptions
            {
                BaseAddress = new Uri(parse.GetValue(url)!),
                TokenProvider = _ => ValueTask.FromResult(bearer),
            }));

            var mismatches = 0;
            foreach (var userID in users)
            {
                var state = await FoldAsync(session, userID, ct);
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var folded = ListQueries.All(state, now, session.Settings.Fold.RetentionMs).ConversationList;
                var live = await LiveListAsync(client, userID, ct);
                foreach (var line in Compare(userID, folded, live))
                {
                    cli.Out.WriteLine(line);
                    mismatches++;
                }
            }

            cli.Out.WriteLine($"verified {users.Count} users: {mismatches} mismatches");
            return mismatches == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>
    /// The journal's fold: from seq 1 while the journal is whole (the strongest check), else from the snapshots (a
    /// journal compacted by journal.retention starts after its horizon, issue 15).
    /// </summary>
    private static async Task<ConversationSet> FoldAsync(StoreSession session, string userID, CancellationToken ct)
    {
        if (await session.Journal.FirstSeqAsync(userID, ct) > 1)
        {
            return (await session.Replay.AfterSeqAsync(userID, long.MaxValue, ct)).State;
        }

        var events = await session.Journal.ReadAsync(userID, 1, long.MaxValue, ct);
        return JournalReplay.Fold(userID, events.Select(e => e.Event), session.Settings.Fold.DedupeWindow);
    }

    /// <summary>The live list through the .NET client, as JSON again so each field compares with the fold's JSON.</summary>
    private static async Task<JsonArray> LiveListAsync(ConversationActorsClient client, string userID, CancellationToken ct)
    {
        var answer = await client.GetConversationListAsync(userID, ct: ct);
        return JsonSerializer.SerializeToNode(answer.ConversationList, LiveJson)!.AsArray();
    }

    private static readonly JsonSerializerOptions LiveJson = new(JsonSerializerDefaults.Web);

    private static IEnumerable<string> Compare(string userID, IReadOnlyList<ConversationView> folded, JsonArray live)
    {
        var liveById = live.OfType<JsonObject>().ToDictionary(c => c["conversationID"]!.GetValue<string>(), StringComparer.Ordinal);
        foreach (var view in folded)
        {
            if (!liveById.Remove(view.ConversationID, out var liveItem))
            {
                yield return $"{userID}: {view.ConversationID} is in the journal but not in the live list";
                continue;
            }

            var expected = JsonSerializer.SerializeToNode(view, PayloadCodec.Options)!.AsObject();
            foreach (var field in Compared)
            {
                var journalValue = expected[field]?.ToJsonString() ?? "null";
                var liveValue = liveItem[field]?.ToJsonString() ?? "null";
                if (journalValue != liveValue)
                {
                    yield return $"{userID}: {view.ConversationID} {field}: journal {journalValue}, live {liveValue}";
                }
            }
        }

        foreach (var extra in liveById.Keys)
        {
            yield return $"{userID}: {extra} is live but not in the journal";
        }

        var order = string.Join(",", folded.Select(v => v.ConversationID));
        var liveOrder = string.Join(",", live.OfType<JsonObject>().Select(c => c["conversationID"]!.GetValue<string>()));
        if (order != liveOrder)
        {
            yield return $"{userID}: order differs: journal [{order}], live [{liveOrder}]";
        }
    }
}
