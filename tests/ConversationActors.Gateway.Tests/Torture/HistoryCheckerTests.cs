using System.Text.Json;
using ConversationActors.Domain;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Model;
using ConversationActors.TestSupport.Torture;

namespace ConversationActors.Gateway.Tests.Torture;

/// <summary>
/// The torture suite's checker on made-up histories and journals: each check reports what it must (so a passing torture
/// run means something) and excuses only what the service is allowed to do.
/// </summary>
public sealed class HistoryCheckerTests
{
    private const long Start = 1_800_000_000_000;
    private readonly OperationHistory _history = new(Start);
    private readonly Dictionary<string, List<JournalEntry>> _journals = new(StringComparer.Ordinal) { ["alice"] = [], ["bob"] = [] };
    private readonly List<FaultWindow> _faults = [];

    [Fact]
    public void A_run_whose_answers_match_its_journals_has_no_violation()
    {
        var request = Ingest("m1", "alice", "C2Cbob");
        Answer(request, applied: true);
        Answer(request, applied: false);
        Journal("alice", Message("C2Cbob", "m1"));

        Assert.Empty(Check());
    }

    [Fact]
    public void A_message_in_a_journal_twice_is_reported()
    {
        var request = Ingest("m1", "alice", "C2Cbob");
        Answer(request, applied: true);
        Journal("alice", Message("C2Cbob", "m1"), Message("C2Cbob", "m1"));

        var violation = Assert.Single(Check(), v => v.Check == "written twice");
        Assert.Equal(("alice", "m1"), (violation.UserID, violation.MsgID));
        Assert.Contains(violation.History, line => line.Contains("applied true", StringComparison.Ordinal));
    }

    [Fact]
    public void A_message_answered_applied_but_missing_from_a_whole_journal_is_a_lost_write()
    {
        Answer(Ingest("m1", "alice", "C2Cbob"), applied: true);
        Journal("alice", Message("C2Cbob", "other"));

        Assert.Contains(Check(), v => v.Check == "acknowledged write lost" && v.MsgID == "m1");
    }

    [Fact]
    public void A_message_applied_by_two_attempts_is_reported_even_when_the_journal_has_it_once()
    {
        var request = Ingest("m1", "alice", "C2Cbob");
        Answer(request, applied: true);
        Answer(request, applied: true);
        Journal("alice", Message("C2Cbob", "m1"));

        Assert.Contains(Check(), v => v.Check == "applied twice");
    }

    [Fact]
    public void A_fan_out_delivered_more_often_than_the_journals_have_it_is_reported()
    {
        var request = FanOut("m1", ("alice", "C2Cbob"), ("bob", "C2Calice"));
        Answer(request, delivered: 2, duplicates: 0);
        Answer(request, delivered: 1, duplicates: 1);
        Journal("alice", Message("C2Cbob", "m1"));
        Journal("bob", Message("C2Calice", "m1"));

        Assert.Contains(Check(), v => v.Check == "delivered twice" && v.MsgID == "m1");
    }

    [Fact]
    public void A_duplicate_answer_is_excused_only_by_a_deletion_whose_watermark_covers_the_message()
    {
        Answer(Ingest("m0", "alice", "C2Cbob", timestamp: Start - 5), applied: true);
        var covered = Ingest("m1", "alice", "C2Cbob", timestamp: Start - 10);
        Answer(covered, applied: false);
        var uncovered = Ingest("m2", "alice", "C2Cbob", timestamp: Start + 50_000);
        Answer(uncovered, applied: false, at: Start + 60_000);
        Journal("alice", Message("C2Cbob", "m0", timestamp: Start - 5), new ConversationDeleted("C2Cbob", Start + 1));

        var violation = Assert.Single(Check());
        Assert.Equal(("duplicate never written", "m2"), (violation.Check, violation.MsgID));
    }

    [Fact]
    public void On_a_compacted_journal_only_messages_sent_after_its_horizon_must_be_there()
    {
        Answer(Ingest("early", "alice", "C2Cbob"), applied: true, at: Start + 100);
        Answer(Ingest("late", "alice", "C2Cbob"), applied: true, at: Start + 5_000);
        _journals["alice"].Add(new JournalEntry(8, Start + 1_000, "ConversationRead.v1", new ConversationRead("C2Cbob", Start, true, Start + 1_000)));

        var violation = Assert.Single(Check());
        Assert.Equal(("acknowledged write lost", "late"), (violation.Check, violation.MsgID));
    }

    [Fact]
    public void A_503_or_a_refused_connection_is_a_violation_unless_a_declared_fault_covers_it()
    {
        var request = Read("alice");
        Record(request, AttemptOutcome.Answered, at: Start + 1_000, status: 503, code: 50005);
        Record(request, AttemptOutcome.ConnectionFailed, at: Start + 9_000);
        Record(request, AttemptOutcome.Answered, at: Start + 20_000, status: 500);
        _faults.Add(new FaultWindow(Start + 8_000, Start + 10_000, "node 2 SIGKILLed"));

        Assert.Equal(["503 without a fault", "HTTP 5xx"], Check().Select(v => v.Check));
    }

    [Fact]
    public void A_list_that_shows_a_message_the_journal_never_got_is_a_dirty_read()
    {
        var read = Plan(new PlannedRequest(_history.NextRequestId(), OperationKind.ListAll, HttpMethod.Get, "/conversations", null, "alice"));
        _history.Record(new Attempt(_history.NextAttemptId(), read.Id, 1, 1, read.Kind, "alice", null, null, 1, Start, Start + 5, AttemptOutcome.Answered, 200, 0)
        {
            LastMessagesShown = [("C2Cbob", "m1"), ("C2Cbob", "ghost")],
        });
        Answer(Ingest("m1", "alice", "C2Cbob"), applied: true);
        Journal("alice", Message("C2Cbob", "m1"));

        var violation = Assert.Single(Check());
        Assert.Equal(("dirty read", "ghost"), (violation.Check, violation.MsgID));
    }

    [Fact]
    public void A_list_answer_out_of_order_is_an_anomaly()
    {
        using var list = JsonDocument.Parse("""
            [{"conversationID":"a","isPinned":false,"orderKey":5},{"conversationID":"b","isPinned":true,"orderKey":9}]
            """);

        Assert.NotNull(ListAnswer.Anomaly(list.RootElement, inListOrder: true));
        Assert.Null(ListAnswer.Anomaly(list.RootElement, inListOrder: false));
    }

    [Fact]
    public void A_live_list_that_differs_from_the_fold_of_its_journal_is_reported_field_by_field()
    {
        var journal = new UserJournal("alice", [new JournalEntry(1, Start, "MessageAdded.v1", Message("C2Cbob", "m1"))]);
        var fold = journal.Fold(ConversationSettings.Default);
        using var live = JsonDocument.Parse("""
            [{"conversationID":"C2Cbob","type":"C2C","userID":"bob","groupID":null,"groupType":null,"showName":"bob","faceUrl":null,
              "lastMessage":{"msgID":"m1","senderID":"bob","timestamp":1800000000000,"elemType":"TEXT","summary":"hi","isSelf":false,"isRevoked":false},
              "unreadCount":2,"draftText":null,"draftTimestamp":null,"isPinned":false,"orderKey":1,"recvOpt":"RECEIVE",
              "groupAtInfoList":[],"markList":[],"customData":null,"conversationGroupList":[]}]
            """);

        var differences = StateComparer.Differences([.. live.RootElement.EnumerateArray()], 2, fold, Start, ConversationSettings.Default);

        Assert.Contains(differences, d => d.StartsWith("C2Cbob unreadCount: live \"2\", fold \"1\"", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("totalUnreadCount: live 2, fold 1", StringComparison.Ordinal));
        Assert.All(differences, d => Assert.DoesNotContain("orderKey", d, StringComparison.Ordinal));
    }

    private IReadOnlyList<Violation> Check()
    {
        var users = _journals.ToDictionary(
            j => j.Key,
            j => new UserEvidence(j.Key, new UserJournal(j.Key, j.Value), StateBasis.FoldedJournal, [], 1),
            StringComparer.Ordinal);
        var load = new LoadResult(_history, [.. _journals.Keys], 0, 0, [], TimeSpan.FromSeconds(1));
        return HistoryChecker.Check(new TortureEvidence(new TortureOptions { Nodes = [new Uri("http://127.0.0.1:1")] }, load, _faults, users));
    }

    private PlannedRequest Ingest(string msgID, string userID, string conversationID, long timestamp = Start) =>
        Plan(new PlannedRequest(_history.NextRequestId(), OperationKind.AddMessage, HttpMethod.Post, "/messages", "{}", userID, conversationID, msgID, timestamp)
        {
            Targets = [new MessageTarget(userID, conversationID)],
        });

    private PlannedRequest FanOut(string msgID, params (string UserID, string ConversationID)[] targets) =>
        Plan(new PlannedRequest(_history.NextRequestId(), OperationKind.FanOutC2C, HttpMethod.Post, "/v1/messages", "{}", targets[0].UserID, targets[0].ConversationID, msgID, Start)
        {
            Targets = [.. targets.Select(t => new MessageTarget(t.UserID, t.ConversationID))],
        });

    private PlannedRequest Read(string userID) =>
        Plan(new PlannedRequest(_history.NextRequestId(), OperationKind.Unread, HttpMethod.Get, "/unread", null, userID));

    private PlannedRequest Plan(PlannedRequest request)
    {
        _history.Plan(request);
        return request;
    }

    private void Answer(PlannedRequest request, bool? applied = null, int? delivered = null, int? duplicates = null, long at = Start + 10) =>
        Record(request, AttemptOutcome.Answered, at, 200, 0, applied, delivered, duplicates);

    private void Record(PlannedRequest request, AttemptOutcome outcome, long at, int? status = null, int? code = null, bool? applied = null, int? delivered = null, int? duplicates = null) =>
        _history.Record(new Attempt(
            _history.NextAttemptId(), request.Id, 1, 1, request.Kind, request.UserID, request.ConversationID, request.MsgID, 1, at, at + 5, outcome,
            status, code, applied, delivered, duplicates, TimeoutMs: 30_000));

    private void Journal(string userID, params IConversationEvent[] events)
    {
        foreach (var e in events)
        {
            var entries = _journals[userID];
            entries.Add(new JournalEntry(entries.Count + 1, e.At, e.GetType().Name + ".v1", e));
        }
    }

    private static MessageAdded Message(string conversationID, string msgID, long timestamp = Start) =>
        new(conversationID, msgID, "bob", timestamp, ElemType.Text, "hi", [], false, null, null, true, timestamp, false, []);
}
