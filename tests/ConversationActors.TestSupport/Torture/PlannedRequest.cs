namespace ConversationActors.TestSupport.Torture;

/// <summary>One set a message is written to: the user and the conversation it lands in there.</summary>
public sealed record MessageTarget(string UserID, string ConversationID);

/// <summary>
/// One logical request of the workload: what is sent (the same method, path and body on every copy and retry) and what
/// the checker needs to judge the answers. <see cref="UserID"/> is the set the request is about (a fan-out's sender);
/// <see cref="Targets"/> lists the sets a message is written to (empty for anything but a message).
/// </summary>
public sealed record PlannedRequest(
    long Id,
    OperationKind Kind,
    HttpMethod Method,
    string Path,
    string? Body,
    string UserID,
    string? ConversationID = null,
    string? MsgID = null,
    long? Timestamp = null)
{
    public IReadOnlyList<MessageTarget> Targets { get; init; } = [];

    /// <summary>One line for failure messages.</summary>
    public override string ToString() =>
        $"request {Id} {Kind} {Method} {Path}" + (Body is null ? string.Empty : " " + Body);
}
