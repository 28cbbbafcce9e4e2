using ConversationActors.Actors.Configuration;
using ConversationActors.Domain.Model;
using ConversationActors.Gateway.Http;

namespace ConversationActors.Gateway.Contracts;

/// <summary>Optional body of <c>POST …/messages/{msgID}/revoke</c>: who revoked, recorded for audit.</summary>
public sealed record RevokeRequest(string? RevokerID = null) : IRequestBody<RevokeRequest>
{
    public static RevokeRequest Read(BodyFields body, NodeSettings settings) => new(body.OptionalId("revokerID"));
}

/// <summary>Body of <c>PUT …/draft</c>: the draft text (at most 8 KiB of UTF-8); empty or null clears it.</summary>
public sealed record DraftRequest(string? DraftText) : IRequestBody<DraftRequest>
{
    public static DraftRequest Read(BodyFields body, NodeSettings settings) =>
        body.Has("draftText")
            ? new(body.OptionalString("draftText"))
            : throw RequestRefusedException.Invalid("draftText is required (a string; empty or null clears the draft)");
}

/// <summary>Body of <c>PUT …/pin</c>.</summary>
public sealed record PinRequest(bool IsPinned) : IRequestBody<PinRequest>
{
    public static PinRequest Read(BodyFields body, NodeSettings settings) => new(body.RequiredBool("isPinned"));
}

/// <summary>Body of <c>PUT …/recvOpt</c>.</summary>
public sealed record RecvOptRequest(RecvOpt RecvOpt) : IRequestBody<RecvOptRequest>
{
    public static RecvOptRequest Read(BodyFields body, NodeSettings settings) => new(body.RequiredEnum<RecvOpt>("recvOpt"));
}

/// <summary>Optional body of <c>POST …/read</c>: read up to a message timestamp (ms since the epoch, inclusive).</summary>
public sealed record ReadRequest(long? UpToTimestamp = null) : IRequestBody<ReadRequest>
{
    public static ReadRequest Read(BodyFields body, NodeSettings settings) => new(body.OptionalInt64("upToTimestamp"));
}

/// <summary>Body of <c>PUT …/friends/{peerID}/remark</c> (at most 96 bytes of UTF-8); empty or null removes it.</summary>
public sealed record RemarkRequest(string? Remark) : IRequestBody<RemarkRequest>
{
    public static RemarkRequest Read(BodyFields body, NodeSettings settings) =>
        body.Has("remark")
            ? new(body.OptionalString("remark"))
            : throw RequestRefusedException.Invalid("remark is required (a string; empty or null removes it)");
}
