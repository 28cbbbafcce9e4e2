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

        // Marks, custom data, groups, filters and the multi-conversation writes (issue #10).
        const string Ids = "\"conversationIDList\":[\"C2Ccanary-peer\"]";
        var ids101 = "\"conversationIDList\":[" + string.Join(",", Enumerable.Range(0, 101).Select(i => $"\"C2Cu{i}\"")) + "]";
        Bad("marks: markType 3", "PUT", U + "/conversations/marks", "{" + Ids + ",\"markType\":3,\"enable\":true}", "markType");
        Bad("marks: markType 16 (reserved bit)", "PUT", U + "/conversations/marks", "{" + Ids + ",\"markType\":16,\"enable\":true}", "markType");
        Bad("marks: markType 0", "PUT", U + "/conversations/marks", "{" + Ids + ",\"markType\":0,\"enable\":true}", "markType");
        Bad("marks: markType negative", "PUT", U + "/conversations/marks", "{" + Ids + ",\"markType\":-1,\"enable\":true}", "markType");
        Bad("marks: markType a string", "PUT", U + "/conversations/marks", "{" + Ids + ",\"markType\":\"1\",\"enable\":true}", "markType");
        Bad("marks: enable missing", "PUT", U + "/conversations/marks", "{" + Ids + ",\"markType\":1}", "enable");
        Bad("marks: empty list", "PUT", U + "/conversations/marks", """{"conversationIDList":[],"markType":1,"enable":true}""", "conversationIDList");
        Bad("marks: 101 IDs", "PUT", U + "/conversations/marks", "{" + ids101 + ",\"markType\":1,\"enable\":true}", "conversationIDList");
        Bad("marks: a malformed ID", "PUT", U + "/conversations/marks", """{"conversationIDList":["bogus"],"markType":1,"enable":true}""", "conversationIDList");
        Bad("customData: over 256 bytes", "PUT", U + "/conversations/customData", "{" + Ids + ",\"customData\":\"" + new string('d', 257) + "\"}", "customData");
        Bad("customData: missing", "PUT", U + "/conversations/customData", "{" + Ids + "}", "customData");
        Bad("customData: a number", "PUT", U + "/conversations/customData", "{" + Ids + ",\"customData\":5}", "customData");
        Bad("delete many: list missing", "POST", U + "/conversations/delete", "{}", "conversationIDList");
        Bad("delete many: clearHistory a string", "POST", U + "/conversations/delete", "{" + Ids + ",\"clearHistory\":\"yes\"}", "clearHistory");
        Bad("clean unread: conversationID missing", "POST", U + "/conversations/read", "{}", "conversationID");
        Bad("clean unread: unknown scope", "POST", U + "/conversations/read", """{"conversationID":"all"}""", "conversationID");
        Bad("clean unread: upToTimestamp 0", "POST", U + "/conversations/read", """{"conversationID":"","upToTimestamp":0}""", "upToTimestamp");
        Bad("group: name over 32 bytes", "POST", U + "/conversationGroups", "{\"groupName\":\"" + new string('n', 33) + "\"," + Ids + "}", "groupName");
        Bad("group: name empty", "POST", U + "/conversationGroups", "{\"groupName\":\"\"," + Ids + "}", "groupName");
        Bad("group: name missing", "POST", U + "/conversationGroups", "{" + Ids + "}", "groupName");
        Bad("group: initial list empty", "POST", U + "/conversationGroups", """{"groupName":"x","conversationIDList":[]}""", "conversationIDList");
        Bad("group: rename an unknown group", "PUT", U + "/conversationGroups/nothing", """{"newName":"y"}""", "nothing");
        Bad("group: rename without newName", "PUT", U + "/conversationGroups/nothing", "{}", "newName");
        Bad("group: delete an unknown group", "DELETE", U + "/conversationGroups/nothing", null, "nothing");
        Bad("group: add to an unknown group", "POST", U + "/conversationGroups/nothing/conversations", "{" + Ids + "}", "nothing");
        Bad("group: remove from an unknown group", "POST", U + "/conversationGroups/nothing/conversations/delete", "{" + Ids + "}", "nothing");
        Bad("group: name with an encoded slash", "DELETE", U + "/conversationGroups/a%2Fb", null, "groupName");
        Bad("filter: type SYSTEM", "GET", U + "/conversations?type=SYSTEM", null, "type");
        Bad("filter: type in lower case", "GET", U + "/conversations?type=c2c", null, "type");
        Bad("filter: markType 5", "GET", U + "/conversations?markType=5", null, "markType");
        Bad("filter: markType abc", "GET", U + "/conversations?markType=abc", null, "markType");
        Bad("filter: hasUnread yes", "GET", U + "/conversations?hasUnread=yes", null, "hasUnread");
        Bad("filter: hasAt given twice", "GET", U + "/conversations?hasAt=true&hasAt=false", null, "hasAt");
        Bad("filter: conversationGroup too long", "GET", U + "/conversations?conversationGroup=" + new string('g', 33), null, "conversationGroup");
        Bad("filter: unread with a bad type", "GET", U + "/unread?type=GROUPS", null, "type");

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
