using System.Text;
using ConversationActors.Domain.Paging;

namespace ConversationActors.Domain.Tests.Support;

internal static class Keys
{
    public static CursorCodec Codec { get; } = new(Encoding.UTF8.GetBytes("domain-tests-cursor-key-0123456789"));

    public static CursorCodec OtherCodec { get; } = new(Encoding.UTF8.GetBytes("another-deployment-key-9876543210"));
}
