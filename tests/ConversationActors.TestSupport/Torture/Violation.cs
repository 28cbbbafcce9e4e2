namespace ConversationActors.TestSupport.Torture;

/// <summary>
/// One thing the run got wrong: which check (<see cref="Check"/>), whose (<see cref="UserID"/>, <see cref="MsgID"/>), what
/// (<see cref="Detail"/>) and the history lines of the logical request it is about.
/// </summary>
public sealed record Violation(string Check, string? UserID, string? MsgID, string Detail, IReadOnlyList<string> History)
{
    /// <summary>The violation with its history lines, indented, for a failure message.</summary>
    public string Describe() =>
        $"[{Check}] {(UserID is null ? string.Empty : "user " + UserID + " ")}{(MsgID is null ? string.Empty : "msgID " + MsgID + " ")}{Detail}"
        + string.Concat(History.Select(line => "\n      " + line));
}
