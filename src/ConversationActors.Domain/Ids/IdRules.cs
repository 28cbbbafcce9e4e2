namespace ConversationActors.Domain.Ids;

/// <summary>
/// SPEC 3.1: a userID, groupID or msgID is 1..128 UTF-16 code units with no whitespace
/// (<see cref="char.IsWhiteSpace(char)"/>), no control character and no '/'; <c>.</c> and <c>..</c> are not IDs
/// (a URL resolves them away as dot segments).
/// </summary>
public static class IdRules
{
    public const int MaxLength = 128;

    public static bool IsValid(string? id) => Check(id) is null;

    /// <summary>Null when valid, otherwise the reason in words (without the field name).</summary>
    public static string? Check(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "must be 1 to 128 characters, got an empty value";
        }

        if (id.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters, got {id.Length}";
        }

        if (id is "." or "..")
        {
            return $"must not be \"{id}\" (a dot segment in a URL)";
        }

        foreach (var c in id)
        {
            if (char.IsWhiteSpace(c))
            {
                return "must not contain whitespace";
            }

            if (char.IsControl(c))
            {
                return "must not contain control characters";
            }

            if (c == '/')
            {
                return "must not contain '/'";
            }
        }

        return null;
    }
}
