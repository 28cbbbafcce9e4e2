using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ConversationActors.Domain.Queries;

namespace ConversationActors.Domain.Paging;

/// <summary>
/// The opaque <c>nextSeq</c> cursor (SPEC 4.1): a list position bound to its user and signed with
/// HMAC-SHA256, so a tampered, malformed or other user's cursor is refused rather than trusted.
/// Format: <c>{s|p|u}{orderKey}.{mac}</c> where s = end, p = after a pinned slot, u = after an unpinned one;
/// "0" is the start.
/// </summary>
public sealed class CursorCodec
{
    public const string StartCursor = "0";
    private const int MacBytes = 16;
    private const int MaxCursorLength = 64;
    private readonly byte[] _key;

    public CursorCodec(byte[] key)
    {
        if (key.Length < 16)
        {
            throw new ArgumentException("the cursor key needs at least 16 bytes", nameof(key));
        }

        _key = key.ToArray();
    }

    public string Encode(string userID, PagePosition position)
    {
        var payload = position.At switch
        {
            PagePosition.Kind.Start => null,
            PagePosition.Kind.End => "s0",
            _ => (position.IsPinned ? "p" : "u") + position.OrderKey.ToString(CultureInfo.InvariantCulture),
        };
        return payload is null ? StartCursor : payload + "." + Mac(userID, payload);
    }

    public bool TryDecode(string userID, string? cursor, out PagePosition position, [NotNullWhen(false)] out string? error)
    {
        position = PagePosition.Start;
        error = null;
        if (cursor == StartCursor)
        {
            return true;
        }

        error = "nextSeq is not a cursor this service issued for this user (use \"0\" to start)";
        if (string.IsNullOrEmpty(cursor) || cursor.Length > MaxCursorLength)
        {
            return false;
        }

        var dot = cursor.IndexOf('.');
        if (dot < 2)
        {
            return false;
        }

        var payload = cursor[..dot];
        var expected = Encoding.ASCII.GetBytes(Mac(userID, payload));
        var given = Encoding.UTF8.GetBytes(cursor[(dot + 1)..]);
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return false;
        }

        if (!long.TryParse(payload.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var orderKey))
        {
            return false;
        }

        switch (payload[0])
        {
            case 's':
                position = PagePosition.End;
                break;
            case 'p':
            case 'u':
                position = PagePosition.After(payload[0] == 'p', orderKey);
                break;
            default:
                return false;
        }

        error = null;
        return true;
    }

    private string Mac(string userID, string payload)
    {
        var data = Encoding.UTF8.GetBytes(userID + "\n" + payload);
        var mac = HMACSHA256.HashData(_key, data).AsSpan(0, MacBytes);
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
