namespace ConversationActors.Gateway.Tests.Fuzz;

/// <summary>One generated request: what to send, and whether it may touch the canary's state.</summary>
public sealed record FuzzRequest(string Method, string PathAndQuery, string? Token, byte[]? Body, string? ContentType)
{
    public override string ToString()
    {
        var path = PathAndQuery.Length <= 200 ? PathAndQuery : PathAndQuery[..200] + "…";
        var body = Body is null ? "(no body)" : System.Text.Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300));
        return $"{Method} {path} token={(Token is null ? "none" : Token[..Math.Min(12, Token.Length)])} body={body}";
    }
}
