using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConversationActors.TestSupport.Torture;

/// <summary>
/// One client's stream of logical requests, from its own seeded <see cref="Random"/>: a weighted mix of every write and
/// read (<see cref="Weights"/>) over the awake users of the shared <see cref="UserPool"/>, C2C conversations with each
/// other and a few group conversations. Message timestamps are now, or up to 1.5 s earlier (late deliveries, which meet
/// the delete watermark), never ahead of the server's clock. Not thread-safe: one generator per client.
/// </summary>
public sealed partial class WorkloadGenerator
{
    /// <summary>How often each kind is chosen (relative weights): messages about half, reads a fifth, the rest the actions.</summary>
    public static readonly IReadOnlyList<(OperationKind Kind, int Weight)> Weights =
    [
        (OperationKind.FanOutC2C, 14), (OperationKind.FanOutGroup, 10), (OperationKind.AddMessage, 14),
        (OperationKind.ListAll, 4), (OperationKind.ListPage, 4), (OperationKind.Batch, 3), (OperationKind.GetConversation, 3), (OperationKind.Unread, 4),
        (OperationKind.Pin, 4), (OperationKind.Unpin, 2), (OperationKind.SetDraft, 4), (OperationKind.ClearDraft, 2), (OperationKind.Mark, 4),
        (OperationKind.MarkRead, 5), (OperationKind.CleanUnread, 2), (OperationKind.SetRecvOpt, 2), (OperationKind.ClearHistory, 1),
        (OperationKind.DeleteConversation, 2), (OperationKind.DeleteConversations, 1), (OperationKind.Revoke, 4), (OperationKind.SetRemark, 1),
        (OperationKind.SetCustomData, 2),
    ];

    private static readonly int TotalWeight = Weights.Sum(w => w.Weight);

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly Random _random;
    private readonly TortureOptions _options;
    private readonly UserPool _users;
    private readonly WorkloadMemory _memory;
    private readonly OperationHistory _history;

    public WorkloadGenerator(int seed, TortureOptions options, UserPool users, WorkloadMemory memory, OperationHistory history)
    {
        _random = new Random(seed);
        _options = options;
        _users = users;
        _memory = memory;
        _history = history;
    }

    /// <summary>The client's random source, for the runner's choices about the same request (copies, timeouts, nodes).</summary>
    public Random Random => _random;

    /// <summary>The next logical request (already in the history's plan).</summary>
    public PlannedRequest Next()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        if (_random.NextDouble() < _options.RestChance)
        {
            _users.Rest(_random, now, _options.RestFor);
        }

        var request = Make(PickKind(), _history.NextRequestId(), now);
        _history.Plan(request);
        if (request.MsgID is { } msgID)
        {
            foreach (var target in request.Targets)
            {
                _memory.Sent(target, msgID);
            }

            _users.CountMessage(request.Targets.Select(t => t.UserID));
        }

        return request;
    }

    private OperationKind PickKind()
    {
        var ticket = _random.Next(TotalWeight);
        foreach (var (kind, weight) in Weights)
        {
            if ((ticket -= weight) < 0)
            {
                return kind;
            }
        }

        return Weights[^1].Kind;
    }

    private PlannedRequest Make(OperationKind kind, long id, long now)
    {
        var user = _users.PickAwake(_random, 1, now)[0];
        return kind switch
        {
            OperationKind.FanOutC2C => FanOutC2C(id, now),
            OperationKind.FanOutGroup => FanOutGroup(id, now),
            OperationKind.AddMessage => AddMessage(id, user, now),
            _ => Action(kind, id, user, now),
        };
    }

    private PlannedRequest FanOutC2C(long id, long now)
    {
        var pair = _users.PickAwake(_random, 2, now);
        var (sender, receiver) = (pair[0], pair.Length > 1 ? pair[1] : pair[0] + "-peer");
        var msgID = MsgID(id);
        var timestamp = Timestamp(now);
        var body = Body(new { msgID, senderID = sender, receiverID = receiver, timestamp, summary = Summary(id) });
        return new PlannedRequest(id, OperationKind.FanOutC2C, HttpMethod.Post, "/v1/messages", body, sender, "C2C" + receiver, msgID, timestamp)
        {
            Targets = [new MessageTarget(sender, "C2C" + receiver), new MessageTarget(receiver, "C2C" + sender)],
        };
    }

    private PlannedRequest FanOutGroup(long id, long now)
    {
        var group = _random.Next(_options.Groups);
        var members = _users.PickAwake(_random, _random.Next(2, 6), now);
        var msgID = MsgID(id);
        var timestamp = Timestamp(now);
        var conversationID = "GROUP" + GroupID(group);
        var body = Body(new
        {
            msgID,
            senderID = members[0],
            groupID = GroupID(group),
            memberIDs = members,
            timestamp,
            summary = Summary(id),
            groupType = GroupTypeOf(group),
            atUserIDs = _random.Next(4) == 0 ? new[] { members[_random.Next(members.Length)] } : null,
            atAll = _random.Next(10) == 0 ? true : (bool?)null,
            countsUnread = _random.Next(10) == 0 ? false : (bool?)null,
        });
        return new PlannedRequest(id, OperationKind.FanOutGroup, HttpMethod.Post, "/v1/messages", body, members[0], conversationID, msgID, timestamp)
        {
            Targets = [.. members.Select(m => new MessageTarget(m, conversationID))],
        };
    }

    private PlannedRequest AddMessage(long id, string user, long now)
    {
        var conversationID = Conversation(user, now);
        var group = GroupOf(conversationID);
        var senderID = group is null ? conversationID[3..] : _random.Next(3) == 0 ? user : _users.PickAwake(_random, 1, now)[0];
        var msgID = MsgID(id);
        var timestamp = Timestamp(now);
        var body = Body(new { msgID, senderID, timestamp, summary = Summary(id), groupType = group is { } g ? GroupTypeOf(g) : null });
        return new PlannedRequest(id, OperationKind.AddMessage, HttpMethod.Post, ConversationPath(user, conversationID) + "/messages", body, user, conversationID, msgID, timestamp)
        {
            Targets = [new MessageTarget(user, conversationID)],
        };
    }

    /// <summary>A conversation of <paramref name="user"/>: C2C with another awake user (two in three) or one of the groups.</summary>
    private string Conversation(string user, long now)
    {
        if (_random.Next(3) == 0)
        {
            return "GROUP" + GroupID(_random.Next(_options.Groups));
        }

        var peers = _users.PickAwake(_random, 2, now);
        return "C2C" + (peers[0] != user ? peers[0] : peers.Length > 1 ? peers[1] : user + "-peer");
    }

    private string GroupID(int group) => string.Create(CultureInfo.InvariantCulture, $"@TGS#{_options.UserPrefix}g{group}");

    private int? GroupOf(string conversationID)
    {
        for (var g = 0; g < _options.Groups; g++)
        {
            if (conversationID == "GROUP" + GroupID(g))
            {
                return g;
            }
        }

        return null;
    }

    /// <summary>Each group keeps one type (groupType is sticky): none, Work, AVChatRoom (no unread), Public.</summary>
    private static string? GroupTypeOf(int group) => (group % 4) switch
    {
        1 => "Work",
        2 => "AVChatRoom",
        3 => "Public",
        _ => null,
    };

    private long Timestamp(long now) => _random.Next(5) == 0 ? now - _random.Next(1, 1500) : now;

    private static string MsgID(long id) => string.Create(CultureInfo.InvariantCulture, $"m{id}");

    private static string Summary(long id) => string.Create(CultureInfo.InvariantCulture, $"message {id}");

    private static string Body(object body) => JsonSerializer.Serialize(body, Json);

    private static string UserPath(string user) => "/v1/users/" + Uri.EscapeDataString(user);

    private static string ConversationPath(string user, string conversationID) =>
        UserPath(user) + "/conversations/" + Uri.EscapeDataString(conversationID);
}
