using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ConversationActors.Domain.State;

/// <summary>
/// The 64-bit key the dedupe memory keeps for a message: the first 8 bytes (little-endian) of SHA-256 over the UTF-8 of
/// <c>conversationID + "\n" + msgID</c> (IDs have no control characters, so the pair is unambiguous). Stable across
/// processes and versions (snapshots store it); a v1 snapshot's string keys are exactly that text. SHA-256 rather than a
/// faster non-cryptographic hash so the false-positive bound holds without assumptions about the IDs, and a sender cannot
/// craft a msgID that collides with someone else's message (docs/decisions.md).
/// </summary>
public static class DedupeKey
{
    /// <summary>The key of message <paramref name="msgID"/> in conversation <paramref name="conversationID"/>.</summary>
    public static ulong Of(string conversationID, string msgID) => Hash(conversationID, msgID, separated: true);

    /// <summary>The key of a stored v1 key text (<c>conversationID + "\n" + msgID</c>).</summary>
    public static ulong OfText(string text) => Hash(text, default, separated: false);

    /// <summary>
    /// SHA-256 over the UTF-8 of <paramref name="first"/>, a newline when <paramref name="separated"/>, and
    /// <paramref name="second"/>, written straight into one buffer (no joined string per message).
    /// </summary>
    private static ulong Hash(ReadOnlySpan<char> first, ReadOnlySpan<char> second, bool separated)
    {
        var length = Encoding.UTF8.GetMaxByteCount(first.Length + 1 + second.Length);
        Span<byte> utf8 = length <= 1024 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(first, utf8);
        if (separated)
        {
            utf8[written++] = (byte)'\n';
        }

        written += Encoding.UTF8.GetBytes(second, utf8[written..]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..written], hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }
}
