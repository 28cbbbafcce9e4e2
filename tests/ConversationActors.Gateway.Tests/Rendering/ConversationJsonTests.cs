using System.Text;
using System.Text.Json;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.Profiles;
using ConversationActors.Domain.Queries;
using ConversationActors.Gateway.Hosting;
using ConversationActors.Gateway.Rendering;

namespace ConversationActors.Gateway.Tests.Rendering;

/// <summary>
/// Issue #14: the hand-written conversation writer (pre-encoded names, lastMessage written field by field) writes the
/// bytes the serializer writes for the same SPEC 3.2 fields with the gateway's own JSON options.
/// </summary>
public sealed class ConversationJsonTests
{
    private static readonly JsonSerializerOptions Options = GatewayOptions();

    public static TheoryData<int> Seeds => new() { 1, 2, 3, 4, 5, 6, 7, 8 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Writes_what_the_serializer_writes_for_the_same_fields(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 50; i++)
        {
            var (view, user, group) = Sample(random);
            Assert.Equal(Reference(view, user, group), Written(view, user, group));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Writes_what_the_serializer_writes_for_the_record_OpenAPI_shows(int seed)
    {
        // Issue 27, item 4: ConversationDto's properties are the schema; the hand-written writer must match them byte for byte.
        var random = new Random(seed);
        var records = Enumerable.Range(0, 50).Select(_ => Sample(random)).Select(s => new ConversationDto(s.View, s.User, s.Group));
        Assert.All(records, dto => Assert.Equal(JsonSerializer.Serialize(dto, Options), Written(dto.View, dto.User, dto.Group)));
    }

    [Fact]
    public void Escapes_values_as_the_serializer_does()
    {
        var id = ConversationId.C2C("peer<&>");
        var view = View(id) with
        {
            LastMessage = new LastMessage("m\"1", "peer<&>", 5, ElemType.Text, "héllo 😀 </script>", false, true),
            DraftText = "line\nbreak\u2028",
        };
        var user = new UserProfile("peer<&>", "Zoë \u0001", "https://x/?a=1&b=<2>", null);

        var written = Written(view, user, null);

        Assert.Equal(Reference(view, user, null), written);
        Assert.DoesNotContain("<", written, StringComparison.Ordinal);
    }

    private static string Written(ConversationView view, UserProfile? user, GroupProfile? group)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Options.Encoder }))
        {
            ConversationJson.Write(writer, view, user, group);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The SPEC 3.2 object as the serializer writes it: an anonymous type in wire order, lastMessage as its record.</summary>
    private static string Reference(ConversationView v, UserProfile? user, GroupProfile? group)
    {
        var profileName = v.Type switch { ConversationType.C2C => user?.Nickname, ConversationType.Group => group?.Name, _ => null };
        var faceUrl = v.Type switch { ConversationType.C2C => user?.FaceUrl, ConversationType.Group => group?.FaceUrl, _ => null };
        return JsonSerializer.Serialize(
            new
            {
                conversationID = v.ConversationID,
                type = v.Type,
                userID = v.UserID,
                groupID = v.GroupID,
                groupType = GroupTypeRules.WithProfileFallback(v.GroupType, group?.GroupType),
                showName = ShowName.For(v.Type, v.UserID ?? v.GroupID, v.FriendRemark, profileName),
                faceUrl,
                lastMessage = v.LastMessage,
                unreadCount = v.UnreadCount,
                draftText = v.DraftText,
                draftTimestamp = v.DraftTimestamp,
                isPinned = v.IsPinned,
                orderKey = v.OrderKey,
                recvOpt = v.RecvOpt,
                groupAtInfoList = v.GroupAtInfoList.Select(a => new { msgID = a.MsgID, atType = a.AtType }),
                markList = v.MarkList,
                customData = v.CustomData,
                conversationGroupList = v.ConversationGroupList,
            },
            Options);
    }

    private static (ConversationView View, UserProfile? User, GroupProfile? Group) Sample(Random random)
    {
        string[] pieces = ["a", "Z", "9", " ", "<", ">", "&", "\"", "'", "\\", "/", "\n", "é", "😀", "\u0001", "\u2028", "+", "中"];
        string Text() => string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => pieces[random.Next(pieces.Length)]));
        T Pick<T>(params T[] values) => values[random.Next(values.Length)];
        var id = Pick(ConversationId.C2C("p" + random.Next(100)), ConversationId.Group("g" + random.Next(100)), ConversationId.System);
        var view = View(id) with
        {
            GroupType = id.Type == ConversationType.Group ? Pick<GroupType?>(null, GroupType.Public, GroupType.AVChatRoom, GroupType.Work) : null,
            LastMessage = random.Next(4) == 0 ? null : new LastMessage(Text(), Text(), random.NextInt64(), Pick(Enum.GetValues<ElemType>()), Text(), random.Next(2) == 0, random.Next(2) == 0),
            UnreadCount = random.Next(0, 1000),
            DraftText = random.Next(2) == 0 ? null : Text(),
            DraftTimestamp = random.Next(2) == 0 ? null : random.NextInt64(),
            IsPinned = random.Next(2) == 0,
            OrderKey = random.NextInt64(),
            RecvOpt = Pick(Enum.GetValues<RecvOpt>()),
            GroupAtInfoList = Enumerable.Range(0, random.Next(3)).Select(_ => new GroupAtInfo(Text(), Pick(Enum.GetValues<AtType>()))).ToArray(),
            FriendRemark = random.Next(3) == 0 ? Text() : null,
            MarkList = Enumerable.Range(0, random.Next(3)).Select(b => 1UL << (b * 7 + random.Next(7))).Order().ToArray(),
            CustomData = random.Next(2) == 0 ? null : Text(),
            ConversationGroupList = Enumerable.Range(0, random.Next(3)).Select(_ => Text()).ToArray(),
        };
        var user = id.UserID is { } peer && random.Next(3) > 0 ? new UserProfile(peer, Pick<string?>(null, "", Text()), Pick<string?>(null, Text()), null) : null;
        var group = id.GroupID is { } groupID && random.Next(3) > 0
            ? GroupProfile.Empty(groupID) with { Name = Pick<string?>(null, Text()), FaceUrl = Pick<string?>(null, Text()), GroupType = Pick<GroupType?>(null, GroupType.Meeting) }
            : null;
        return (view, user, group);
    }

    private static ConversationView View(ConversationId id) =>
        new(id.Value, id.Type, id.UserID, id.GroupID, null, null, 0, null, null, false, 1, RecvOpt.Receive, [], null, [], null, []);

    private static JsonSerializerOptions GatewayOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        GatewayServices.ConfigureJson(options);
        return options;
    }
}
