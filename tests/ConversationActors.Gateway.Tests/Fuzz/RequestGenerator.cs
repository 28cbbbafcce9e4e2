using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ConversationActors.Gateway.Tests.Infrastructure;

namespace ConversationActors.Gateway.Tests.Fuzz;

/// <summary>
/// Seeded request generator: the real routes with mutated segments, queries and JSON bodies (wrong
/// types, long strings, unicode, control characters, percent-encoding tricks, huge numbers), random
/// methods, and good and bad credentials. Request i depends only on (seed, i), so a failure replays.
/// Requests that a valid credential could apply never name the canary, its peer or its group; the ones
/// aimed at the canary carry a credential that must be refused.
/// </summary>
public sealed class RequestGenerator(int seed)
{
    public const string Canary = "fuzz-canary";
    public const string CanaryPeer = "fuzz-canary-peer";
    public const string CanaryGroup = "fuzz-canary-g";

    private static readonly string[] Users = ["fz-a", "fz-b", "fz-c", "fz-d"];
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];
    private static readonly string[] ElemTypes = ["TEXT", "CUSTOM", "IMAGE", "text", "", "GROUP_TIPS"];
    private static readonly string[] Odd =
    [
        "", ".", "..", "%2e%2e", "%2F", "%252F", "a%2Fb", "%00", "%0d%0a", "%C0%AE", "%FF%FE", "%", "%zz", "%u0041", "%20", "+",
        "99999999999999999999999999", "-1", "0", "1e400", "NaN", "null", "true", "[]", "{}", "%7B%7D", "C2C", "GROUP", "C2C%00x",
        "C2C" + new string('x', 127), "GROUP@TGS%232", "%F0%9F%98%80", "%E2%80%AE", "%CC%81%CC%81", "~", "'", "%22", "%5C", "%3Cscript%3E",
    ];

    private static readonly string[] Unicode = ["😀", "ё", "漢字", "\u202e", "e\u0301", "\ufeff", "\u0000", "\u0007", "\t", "\n", "\ud800", "\\", "\"", "𝕏"];

    public FuzzRequest Generate(int index, Func<string, string> tokenFor, string[] badTokens)
    {
        var random = new Random(unchecked((seed * 1_000_003) + index));
        var aimsAtCanary = random.Next(5) == 0;
        var user = aimsAtCanary ? Canary : Pick(random, Users);
        var (method, path, query, body) = Route(random, user);

        if (random.Next(10) == 0)
        {
            method = Pick(random, Methods);
        }

        path = string.Join("/", path.Split('/').Select((segment, i) => i > 2 && random.Next(6) == 0 ? Mutate(random, segment) : segment));
        if (random.Next(8) == 0)
        {
            query.Add((Pick(random, ["nextSeq", "count", "asOf", "asOfSeq", "fromSeq", "limit", "x", "", "%00"]), Mutate(random, "1")));
        }

        var pathAndQuery = path + (query.Count == 0 ? string.Empty : "?" + string.Join("&", query.Select(q => q.Key + "=" + q.Value)));
        var bytes = body is null ? null : Encoding.UTF8.GetBytes(MutateBody(random, body));
        if (random.Next(15) == 0)
        {
            bytes = RandomBytes(random);
        }

        string? token;
        if (aimsAtCanary)
        {
            // Only credentials the canary's state must survive.
            token = random.Next(3) == 0 ? tokenFor("user:" + Pick(random, Users)) : Pick(random, badTokens);
        }
        else
        {
            token = random.Next(10) switch
            {
                < 6 => tokenFor("admin"),
                < 8 => tokenFor("user:" + (random.Next(2) == 0 ? user : Pick(random, Users))),
                _ => Pick(random, badTokens),
            };
        }

        return new FuzzRequest(method, pathAndQuery, token, bytes, random.Next(4) == 0 ? null : "application/json");
    }

    private (string Method, string Path, List<(string Key, string Value)> Query, JsonObject? Body) Route(Random random, string user)
    {
        var u = "/v1/users/" + user;
        var peer = "fz-peer-" + random.Next(3);
        var conversation = random.Next(2) == 0 ? "C2C" + peer : "GROUPfz-g" + random.Next(3);
        var c = u + "/conversations/" + Uri.EscapeDataString(conversation);
        var query = new List<(string Key, string Value)>();
        switch (random.Next(24))
        {
            case 0:
                if (random.Next(2) == 0)
                {
                    query.Add(("nextSeq", Pick(random, ["0", "abc", "", "%00", new string('A', 400)])));
                    query.Add(("count", Pick(random, ["1", "500", "501", "0", "-5", "1e3", "99999999999999999999"])));
                }

                return ("GET", u + "/conversations", query, null);
            case 1:
                query.Add((Pick(random, ["asOfSeq", "asOf"]), Pick(random, ["0", "1", "5", "999999999999", "2026-11-21T10:00:00Z", "2026-11-21T10:00:00", "x", "-1"])));
                return ("GET", random.Next(2) == 0 ? u + "/conversations" : c, query, null);
            case 2:
                return ("POST", u + "/conversations/batch", query, new JsonObject { ["conversationIDList"] = new JsonArray("C2C" + peer, conversation) });
            case 3:
                return ("GET", c, query, null);
            case 4:
                return ("GET", c + "/profile", query, null);
            case 5:
                return ("GET", u + "/unread", query, null);
            case 6 or 7 or 8:
                return ("POST", c + "/messages", query, Message(random));
            case 9 or 10:
                var fanOut = Message(random);
                if (random.Next(2) == 0)
                {
                    fanOut["receiverID"] = Pick(random, Users);
                }
                else
                {
                    fanOut["groupID"] = "fz-g" + random.Next(3);
                    fanOut["memberIDs"] = new JsonArray(Users.Take(random.Next(1, 5)).Select(x => (JsonNode)x).ToArray());
                }

                return ("POST", "/v1/messages", query, fanOut);
            case 11:
                return ("POST", c + "/messages/fz-m" + random.Next(20) + "/revoke", query, random.Next(2) == 0 ? null : new JsonObject { ["revokerID"] = peer });
            case 12:
                return (random.Next(3) == 0 ? "DELETE" : "PUT", c + "/draft", query, new JsonObject { ["draftText"] = "draft " + random.Next(100) });
            case 13:
                return ("PUT", c + "/pin", query, new JsonObject { ["isPinned"] = random.Next(2) == 0 });
            case 14:
                return ("PUT", c + "/recvOpt", query, new JsonObject { ["recvOpt"] = Pick(random, ["RECEIVE", "NOT_RECEIVE", "RECEIVE_NOT_NOTIFY", "receive", "7"]) });
            case 15:
                return ("POST", c + "/read", query, random.Next(2) == 0 ? null : new JsonObject { ["upToTimestamp"] = Messages.Now - random.Next(100_000) });
            case 16:
                return ("POST", c + "/clearHistory", query, null);
            case 17:
                return ("DELETE", c, query, null);
            case 18:
                return ("PUT", u + "/friends/" + peer + "/remark", query, new JsonObject { ["remark"] = "remark " + random.Next(10) });
            case 19:
                return ("PUT", "/v1/profiles/users/" + (random.Next(2) == 0 ? peer : user == Canary ? Canary : Pick(random, Users)), query, new JsonObject { ["nickname"] = "nick", ["faceUrl"] = "https://img/x.png", ["selfSignature"] = "sig" });
            case 20:
                return ("PUT", "/v1/profiles/groups/fz-g" + random.Next(3), query, new JsonObject { ["name"] = "G", ["groupType"] = "Work", ["memberCount"] = 3, ["ownerID"] = peer });
            case 21:
                return ("GET", Pick(random, ["/v1/profiles/users/" + peer, "/v1/profiles/groups/fz-g1", "/v1/admin/cluster", "/health/live"]), query, null);
            case 22:
                query.Add(("fromSeq", Pick(random, ["1", "0", "-1", "x", "9223372036854775807"])));
                query.Add(("limit", Pick(random, ["1", "1000", "1001", "0"])));
                return ("GET", u + "/events", query, null);
            default:
                return (Pick(random, Methods), "/" + string.Join("/", Enumerable.Range(0, random.Next(1, 6)).Select(_ => Mutate(random, "v1"))), query, null);
        }
    }

    private static JsonObject Message(Random random)
    {
        var body = new JsonObject
        {
            ["msgID"] = "fz-m" + random.Next(20),
            ["senderID"] = "fz-peer-" + random.Next(3),
            ["timestamp"] = Messages.Now - random.Next(1_000_000),
            ["summary"] = "fuzz " + random.Next(1000),
            ["elemType"] = Pick(random, ElemTypes),
        };
        if (random.Next(3) == 0)
        {
            body["atUserIDs"] = new JsonArray(Pick(random, Users));
            body["atAll"] = random.Next(2) == 0;
            body["groupType"] = Pick(random, ["Work", "Public", "Meeting", "AVChatRoom", "Community", "work"]);
        }

        if (random.Next(5) == 0)
        {
            body["countsUnread"] = random.Next(2) == 0;
        }

        return body;
    }

    private static string MutateBody(Random random, JsonObject body)
    {
        switch (random.Next(12))
        {
            case 0:
                return Pick(random, ["", " ", "{", "}", "[]", "null", "42", "\"x\"", "{\"a\":}", "{'a':1}", "\u0000", "{\"a\":1}{}", new string('[', 200)]);
            case 1:
                return RandomJson(random, 0)?.ToJsonString() ?? "null";
        }

        var copy = (JsonObject)body.DeepClone();
        var keys = copy.Select(p => p.Key).ToList();
        for (var i = random.Next(0, 3); i > 0 && keys.Count > 0; i--)
        {
            var key = Pick(random, keys.ToArray());
            switch (random.Next(3))
            {
                case 0:
                    copy.Remove(key);
                    break;
                default:
                    copy[key] = RandomJson(random, 1);
                    break;
            }
        }

        if (random.Next(6) == 0)
        {
            copy[RandomString(random, 10)] = RandomJson(random, 1);
        }

        return copy.ToJsonString();
    }

    private static JsonNode? RandomJson(Random random, int depth) => random.Next(depth > 2 ? 7 : 10) switch
    {
        0 => null,
        1 => random.Next(2) == 0,
        2 => JsonNode.Parse(Pick(random, ["0", "-1", "1.5", "1e308", "-1e308", "9223372036854775807", "9223372036854775808", "18446744073709551616", "123456789012345678901234567890", "4.9e-324", "-0"])),
        3 => RandomString(random, Pick(random, [0, 1, 5, 64, 129, 513, 9000, 70_000])),
        4 => string.Concat(Enumerable.Range(0, random.Next(1, 20)).Select(_ => Pick(random, Unicode))),
        5 => Pick(random, Odd),
        6 => random.Next(1_000_000),
        7 => new JsonArray(Enumerable.Range(0, random.Next(0, random.Next(2) == 0 ? 4 : 150)).Select(_ => RandomJson(random, depth + 1)).ToArray()),
        _ => new JsonObject(Enumerable.Range(0, random.Next(0, 4)).Select(i => KeyValuePair.Create("k" + i, RandomJson(random, depth + 1)))),
    };

    private static string Mutate(Random random, string segment) => random.Next(7) switch
    {
        0 => Pick(random, Odd),
        1 => RandomString(random, Pick(random, [1, 129, 300, 2000, 9000])),
        2 => Uri.EscapeDataString(string.Concat(Enumerable.Range(0, random.Next(1, 10)).Select(_ => Pick(random, Unicode).Replace("\ud800", "?")))),
        3 => "%" + random.Next(256).ToString("X2", CultureInfo.InvariantCulture) + segment,
        4 => segment + Pick(random, Odd),
        5 => Uri.EscapeDataString(Uri.EscapeDataString(segment + "/x")),
        _ => segment.ToUpperInvariant(),
    };

    private static string RandomString(Random random, int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~";
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 2000)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
