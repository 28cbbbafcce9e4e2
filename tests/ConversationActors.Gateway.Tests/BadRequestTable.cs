using System.Text;

namespace ConversationActors.Gateway.Tests;

/// <summary>One malformed request and what it must answer: status, code, and a word the desc must name.</summary>
/// <remarks>
/// Bodies and paths may hold <c>{future}</c> (server time + 6 minutes) and <c>{now}</c>, filled in when sent.
/// Every request aims at the canary user or its peer's profiles, so an accepted one would show in their state.
/// </remarks>
public sealed record BadRequest(string Name, string Method, string Path, string? Body, int Status, int Code, string Mentions);

/// <summary>The table of malformed requests across every endpoint (SPEC 3.1, 4, 5).</summary>
public static class BadRequestTable
{
    public const string Canary = "canary";
    public const string Peer = "canary-peer";
    public const string Group = "canary-g";
    private const string U = "/v1/users/canary";
    private const string C = U + "/conversations/C2Ccanary-peer";
    private const string G = U + "/conversations/GROUPcanary-g";
    private static readonly string Long129 = new('x', 129);

    public static IReadOnlyList<BadRequest> All { get; } = Build();

    public static IEnumerable<object[]> Names => All.Select(r => new object[] { r.Name });

    public static BadRequest Get(string name) => All.Single(r => r.Name == name);

    private static List<BadRequest> Build()
    {
        var rows = new List<BadRequest>();
        void Bad(string name, string method, string path, string? body, string mentions) => rows.Add(new(name, method, path, body, 400, 6017, mentions));
        void Msg(string name, string mentions, params (string Key, string? Raw)[] changes) => Bad("message: " + name, "POST", C + "/messages", Message(changes), mentions);
        void FanOut(string name, string mentions, params (string Key, string? Raw)[] changes) => Bad("fan-out: " + name, "POST", "/v1/messages", Message(changes), mentions);

        // Bodies that are not a JSON object.
        Bad("message: malformed JSON", "POST", C + "/messages", """{"msgID":"a",""", "JSON");
        Bad("message: empty body", "POST", C + "/messages", "", "body");
        Bad("message: no body", "POST", C + "/messages", null, "body");
        Bad("message: array at the root", "POST", C + "/messages", "[]", "object");
        Bad("message: string at the root", "POST", C + "/messages", "\"hello\"", "object");
        Bad("message: number at the root", "POST", C + "/messages", "42", "object");
        Bad("message: null at the root", "POST", C + "/messages", "null", "object");
        Bad("message: nesting deeper than allowed", "POST", C + "/messages", "{\"x\":" + new string('[', 40) + new string(']', 40) + "}", "JSON");
        Bad("message: duplicate keys", "POST", C + "/messages", """{"msgID":"a","msgID":"b","senderID":"canary-peer","timestamp":{now},"summary":"x"}""", "msgID");
        Bad("message: trailing garbage after the object", "POST", C + "/messages", Message() + " x", "JSON");

        // Missing fields, wrong JSON types, out-of-range values.
        Msg("missing msgID", "msgID", ("msgID", null));
        Msg("missing senderID", "senderID", ("senderID", null));
        Msg("missing timestamp", "timestamp", ("timestamp", null));
        Msg("missing summary", "summary", ("summary", null));
        Msg("timestamp as a string", "timestamp", ("timestamp", "\"1\""));
        Msg("timestamp with a fraction", "timestamp", ("timestamp", "1.5"));
        Msg("timestamp 0", "timestamp", ("timestamp", "0"));
        Msg("timestamp negative", "timestamp", ("timestamp", "-1"));
        Msg("timestamp 6 minutes in the future", "timestamp", ("timestamp", "{future}"));
        Msg("timestamp beyond int64", "timestamp", ("timestamp", "9223372036854775808"));
        Msg("timestamp 1e400", "timestamp", ("timestamp", "1e400"));
        Msg("timestamp a boolean", "timestamp", ("timestamp", "true"));
        Msg("timestamp an array", "timestamp", ("timestamp", "[1]"));
        Msg("msgID empty", "msgID", ("msgID", "\"\""));
        Msg("msgID of 129 characters", "msgID", ("msgID", $"\"{Long129}\""));
        Msg("msgID with whitespace", "msgID", ("msgID", "\"a b\""));
        Msg("msgID with a control character", "msgID", ("msgID", "\"a\\u0001b\""));
        Msg("msgID with a slash", "msgID", ("msgID", "\"a/b\""));
        Msg("msgID a number", "msgID", ("msgID", "7"));
        Msg("msgID an object", "msgID", ("msgID", "{}"));
        Msg("senderID with a tab", "senderID", ("senderID", "\"a\\tb\""));
        Msg("senderID null", "senderID", ("senderID", "null"));
        Msg("summary of 513 characters", "summary", ("summary", $"\"{new string('s', 513)}\""));
        Msg("summary a number", "summary", ("summary", "5"));
        Msg("summary null", "summary", ("summary", "null"));
        Msg("summary an array", "summary", ("summary", "[\"x\"]"));
        Msg("elemType in lower case", "elemType", ("elemType", "\"text\""));
        Msg("elemType unknown", "elemType", ("elemType", "\"VIDEO_CALL\""));
        Msg("elemType a number", "elemType", ("elemType", "0"));
        Msg("atUserIDs with 101 IDs", "atUserIDs", ("atUserIDs", "[" + string.Join(",", Enumerable.Range(0, 101).Select(i => $"\"u{i}\"")) + "]"));
        Msg("atUserIDs a string", "atUserIDs", ("atUserIDs", "\"canary\""));
        Msg("atUserIDs an object", "atUserIDs", ("atUserIDs", "{}"));
        Msg("atUserIDs holding a number", "atUserIDs", ("atUserIDs", "[1]"));
        Msg("atUserIDs holding a bad ID", "atUserIDs", ("atUserIDs", "[\"a b\"]"));
        Msg("atAll a string", "atAll", ("atAll", "\"true\""));
        Msg("countsUnread a number", "countsUnread", ("countsUnread", "1"));
        Msg("groupType on a C2C conversation", "groupType", ("groupType", "\"Work\""));
        Bad("message: groupType unknown", "POST", G + "/messages", Message(("groupType", "\"Private\"")), "groupType");

        // Bad route values.
        Bad("message: conversationID with an unknown prefix", "POST", U + "/conversations/XYZ/messages", Message(), "conversationID");
        Bad("message: conversationID C2C without a userID", "POST", U + "/conversations/C2C/messages", Message(), "conversationID");
        Bad("message: conversationID with a 129-character userID", "POST", U + "/conversations/C2C" + Long129 + "/messages", Message(), "conversationID");
        Bad("message: conversationID with whitespace", "POST", U + "/conversations/C2Ca%20b/messages", Message(), "conversationID");
        Bad("message: conversationID with a control character", "POST", U + "/conversations/GROUPa%07b/messages", Message(), "conversationID");
        Bad("message: userID of 129 characters", "POST", "/v1/users/" + Long129 + "/conversations/C2Ccanary-peer/messages", Message(), "userID");
        Bad("message: userID with whitespace", "POST", "/v1/users/canary%20x/conversations/C2Ccanary-peer/messages", Message(), "userID");
        Bad("message: userID with a control character", "POST", "/v1/users/canary%01/conversations/C2Ccanary-peer/messages", Message(), "userID");

        // A '/' can reach a route value only percent-encoded; it stays an ID with a '/' and is refused.
        Bad("message: userID with an encoded slash", "POST", "/v1/users/canary%2Fx/conversations/C2Ccanary-peer/messages", Message(), "userID");
        Bad("message: conversationID with an encoded slash", "POST", U + "/conversations/C2Ccanary%2Fpeer/messages", Message(), "conversationID");
        Bad("revoke: msgID with an encoded slash", "POST", C + "/messages/seed-1%2Fx/revoke", null, "msgID");
        Bad("remark: peerID with an encoded slash", "PUT", U + "/friends/canary%2fpeer/remark", """{"remark":"x"}""", "peerID");
        Bad("user profile: userID with an encoded slash", "PUT", "/v1/profiles/users/canary-peer%2Fx", """{"nickname":"x"}""", "userID");
        Bad("group profile: groupID with an encoded slash", "PUT", "/v1/profiles/groups/canary-g%2Fx", """{"name":"x"}""", "groupID");

        // Actions.
        Bad("draft: over 8 KiB of UTF-8", "PUT", C + "/draft", "{\"draftText\":\"" + new string('€', 2731) + "\"}", "draftText");
        Bad("draft: a number", "PUT", C + "/draft", """{"draftText":5}""", "draftText");
        Bad("draft: missing", "PUT", C + "/draft", "{}", "draftText");
        Bad("draft: an array body", "PUT", C + "/draft", "[]", "object");
        Bad("pin: isPinned a string", "PUT", C + "/pin", """{"isPinned":"true"}""", "isPinned");
        Bad("pin: isPinned a number", "PUT", C + "/pin", """{"isPinned":1}""", "isPinned");
        Bad("pin: isPinned missing", "PUT", C + "/pin", """{"pinned":true}""", "isPinned");
        Bad("recvOpt: in lower case", "PUT", C + "/recvOpt", """{"recvOpt":"not_receive"}""", "recvOpt");
        Bad("recvOpt: a number", "PUT", C + "/recvOpt", """{"recvOpt":1}""", "recvOpt");
        Bad("recvOpt: missing", "PUT", C + "/recvOpt", "{}", "recvOpt");
        Bad("read: upToTimestamp a string", "POST", C + "/read", """{"upToTimestamp":"5"}""", "upToTimestamp");
        Bad("read: upToTimestamp 0", "POST", C + "/read", """{"upToTimestamp":0}""", "upToTimestamp");
        Bad("read: upToTimestamp negative", "POST", C + "/read", """{"upToTimestamp":-3}""", "upToTimestamp");
        Bad("read: malformed JSON", "POST", C + "/read", "{", "JSON");
        Bad("revoke: msgID of 129 characters", "POST", C + "/messages/" + Long129 + "/revoke", null, "msgID");
        Bad("revoke: msgID with whitespace", "POST", C + "/messages/a%20b/revoke", null, "msgID");
        Bad("remark: a number", "PUT", U + "/friends/canary-peer/remark", """{"remark":1}""", "remark");
        Bad("remark: missing", "PUT", U + "/friends/canary-peer/remark", "{}", "remark");
        Bad("remark: over 96 bytes", "PUT", U + "/friends/canary-peer/remark", $"{{\"remark\":\"{new string('r', 97)}\"}}", "remark");
        Bad("remark: peerID of 129 characters", "PUT", U + "/friends/" + Long129 + "/remark", """{"remark":"x"}""", "peerID");

        // Queries.
        Bad("batch: empty list", "POST", U + "/conversations/batch", """{"conversationIDList":[]}""", "conversationIDList");
        Bad("batch: missing list", "POST", U + "/conversations/batch", "{}", "conversationIDList");
        Bad("batch: 101 IDs", "POST", U + "/conversations/batch", "{\"conversationIDList\":[" + string.Join(",", Enumerable.Range(0, 101).Select(i => $"\"C2Cu{i}\"")) + "]}", "conversationIDList");
        Bad("batch: a malformed ID", "POST", U + "/conversations/batch", """{"conversationIDList":["C2Ccanary-peer","C2C a"]}""", "conversationIDList");
        Bad("batch: a string instead of a list", "POST", U + "/conversations/batch", """{"conversationIDList":"C2Ccanary-peer"}""", "conversationIDList");
        Bad("batch: a number in the list", "POST", U + "/conversations/batch", """{"conversationIDList":[1]}""", "conversationIDList");
        Bad("list: count 0", "GET", U + "/conversations?count=0", null, "count");
        Bad("list: count 501", "GET", U + "/conversations?count=501", null, "count");
        Bad("list: count abc", "GET", U + "/conversations?count=abc", null, "count");
        Bad("list: count negative", "GET", U + "/conversations?count=-1", null, "count");
        Bad("list: count beyond int32", "GET", U + "/conversations?count=99999999999", null, "count");
        Bad("list: count given twice", "GET", U + "/conversations?count=1&count=2", null, "count");
        Bad("list: nextSeq garbage", "GET", U + "/conversations?nextSeq=garbage", null, "nextSeq");
        Bad("list: nextSeq empty", "GET", U + "/conversations?nextSeq=", null, "nextSeq");
        Bad("list: nextSeq forged", "GET", U + "/conversations?nextSeq=u1.AAAAAAAAAAAAAAAAAAAAAA", null, "nextSeq");
        Bad("list: nextSeq given twice", "GET", U + "/conversations?nextSeq=0&nextSeq=0", null, "nextSeq");
        Bad("get: malformed conversationID", "GET", U + "/conversations/bogus", null, "conversationID");
        Bad("profile: malformed conversationID", "GET", U + "/conversations/c2c_/profile", null, "conversationID");
        Bad("unread: userID of 129 characters", "GET", "/v1/users/" + Long129 + "/unread", null, "userID");

        // Fan-out: exactly one target, members bounded.
        FanOut("no target", "receiverID");
        FanOut("both targets", "receiverID", ("receiverID", "\"canary\""), ("groupID", "\"canary-g\""), ("memberIDs", "[\"canary\"]"));
        FanOut("groupID without memberIDs", "memberIDs", ("groupID", "\"canary-g\""));
        FanOut("memberIDs empty", "memberIDs", ("groupID", "\"canary-g\""), ("memberIDs", "[]"));
        FanOut("memberIDs with 1001 IDs", "memberIDs", ("groupID", "\"canary-g\""), ("memberIDs", "[\"canary\"," + string.Join(",", Enumerable.Range(0, 1000).Select(i => $"\"m{i}\"")) + "]"));
        FanOut("memberIDs a string", "memberIDs", ("groupID", "\"canary-g\""), ("memberIDs", "\"canary\""));
        FanOut("memberIDs holding a bad ID", "memberIDs", ("groupID", "\"canary-g\""), ("memberIDs", "[\"canary\",\"\"]"));
        FanOut("memberIDs with receiverID", "memberIDs", ("receiverID", "\"canary\""), ("memberIDs", "[\"canary\"]"));
        FanOut("receiverID with whitespace", "receiverID", ("receiverID", "\"can ary\""));
        FanOut("receiverID a number", "receiverID", ("receiverID", "5"));
        FanOut("timestamp 6 minutes in the future", "timestamp", ("receiverID", "\"canary\""), ("timestamp", "{future}"));
        FanOut("missing msgID", "msgID", ("receiverID", "\"canary\""), ("msgID", null));
        FanOut("summary of 513 characters", "summary", ("groupID", "\"canary-g\""), ("memberIDs", "[\"canary\"]"), ("summary", $"\"{new string('s', 513)}\""));

        // Profiles.
        Bad("user profile: no known field", "PUT", "/v1/profiles/users/canary-peer", """{"nick":"x"}""", "nickname");
        Bad("user profile: nickname of 257 characters", "PUT", "/v1/profiles/users/canary-peer", $"{{\"nickname\":\"{new string('n', 257)}\"}}", "nickname");
        Bad("user profile: nickname a number", "PUT", "/v1/profiles/users/canary-peer", """{"nickname":1}""", "nickname");
        Bad("user profile: an array body", "PUT", "/v1/profiles/users/canary-peer", """[{"nickname":"x"}]""", "object");
        Bad("user profile: userID of 129 characters", "PUT", "/v1/profiles/users/" + Long129, """{"nickname":"x"}""", "userID");
        Bad("group profile: memberCount negative", "PUT", "/v1/profiles/groups/canary-g", """{"memberCount":-1}""", "memberCount");
        Bad("group profile: memberCount a string", "PUT", "/v1/profiles/groups/canary-g", """{"memberCount":"5"}""", "memberCount");
        Bad("group profile: memberCount beyond int32", "PUT", "/v1/profiles/groups/canary-g", """{"memberCount":10000000000}""", "memberCount");
        Bad("group profile: groupType unknown", "PUT", "/v1/profiles/groups/canary-g", """{"groupType":"Private"}""", "groupType");
        Bad("group profile: ownerID with whitespace", "PUT", "/v1/profiles/groups/canary-g", """{"ownerID":"a b"}""", "ownerID");
        Bad("group profile: groupID with whitespace", "GET", "/v1/profiles/groups/canary%20g", null, "groupID");

        // Actions that do not create, on a conversation the canary does not have.
        void Missing(string name, string method, string suffix, string? body) =>
            rows.Add(new("not found: " + name, method, U + "/conversations/C2Cstranger" + suffix, body, 404, 6004, "C2Cstranger"));
        Missing("read", "POST", "/read", null);
        Missing("recvOpt", "PUT", "/recvOpt", """{"recvOpt":"NOT_RECEIVE"}""");
        Missing("clearHistory", "POST", "/clearHistory", null);
        Missing("delete", "DELETE", string.Empty, null);
        Missing("revoke", "POST", "/messages/m1/revoke", null);
        Missing("unpin", "PUT", "/pin", """{"isPinned":false}""");
        Missing("clear the draft", "DELETE", "/draft", null);
        Missing("get", "GET", string.Empty, null);
        Missing("profile", "GET", "/profile", null);

        // Routing and limits.
        rows.Add(new("route: unknown", "GET", U + "/nothing", null, 404, 6017, "route"));
        rows.Add(new("route: wrong method", "PATCH", C, "{}", 405, 6017, "PATCH"));
        rows.Add(new("limit: body over 64 KiB", "POST", C + "/messages", "{\"x\":\"" + new string('x', 64 * 1024) + "\"}", 413, 80002, "body"));
        return rows;
    }

    /// <summary>A valid message body for the canary with the given fields replaced (raw JSON) or removed (null).</summary>
    private static string Message(params (string Key, string? Raw)[] changes)
    {
        var fields = new List<(string Key, string? Raw)>
        {
            ("msgID", "\"bad-new\""), ("senderID", "\"canary-peer\""), ("timestamp", "{now}"), ("summary", "\"x\""),
        };
        foreach (var (key, raw) in changes)
        {
            var index = fields.FindIndex(f => f.Key == key);
            if (index >= 0)
            {
                fields[index] = (key, raw);
            }
            else
            {
                fields.Add((key, raw));
            }
        }

        var text = new StringBuilder("{");
        foreach (var (key, raw) in fields.Where(f => f.Raw is not null))
        {
            text.Append(text.Length > 1 ? "," : string.Empty).Append('"').Append(key).Append("\":").Append(raw);
        }

        return text.Append('}').ToString();
    }
}
