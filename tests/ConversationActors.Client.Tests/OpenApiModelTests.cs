using System.Text.Json;
using ConversationActors.Client.Model;
using ConversationActors.Client.Tests.Infrastructure;
using ConversationActors.TestSupport.OpenApi;

namespace ConversationActors.Client.Tests;

/// <summary>
/// Issue 27, item 4: the gateway's OpenAPI document shows each endpoint's response record, and the client reads it into
/// its own model. Every property of every answer the document shows (nested records, list items and dictionary values
/// included) must have a property of the client type it is read into, by JSON name as the client's serializer options
/// bind it (naming policy, [JsonPropertyName], case rule) — so a field added on the server and not in the client fails
/// here. The TypeScript client has the same check (clients/typescript/test/openapi.test.mjs).
/// </summary>
public sealed class OpenApiModelTests : IAsyncLifetime
{
    /// <summary>The client type each operation's data is read into, by the operation's name (its OpenAPI operationId).</summary>
    private static readonly Dictionary<string, Type> ReadInto = new()
    {
        ["GetConversationList"] = typeof(ConversationListResult),
        ["GetConversationBatch"] = typeof(ListOnly),
        ["GetConversation"] = typeof(Conversation),
        ["GetConversationProfile"] = typeof(ConversationProfile),
        ["GetTotalUnreadMessageCount"] = typeof(UnreadAnswer),
        ["AddMessage"] = typeof(MessageResult),
        ["FanOutMessage"] = typeof(FanOutResult),
        ["RevokeMessage"] = typeof(ConversationAnswer),
        ["SetConversationDraft"] = typeof(ConversationAnswer),
        ["ClearConversationDraft"] = typeof(ConversationAnswer),
        ["PinConversation"] = typeof(ConversationAnswer),
        ["SetReceiveMessageOpt"] = typeof(ConversationAnswer),
        ["CleanConversationUnreadMessageCount"] = typeof(ConversationAnswer),
        ["ClearHistoryMessage"] = typeof(ConversationAnswer),
        ["SetFriendRemark"] = typeof(ConversationAnswer),
        ["MarkConversation"] = typeof(ResultsAnswer),
        ["SetConversationCustomData"] = typeof(ResultsAnswer),
        ["DeleteConversationList"] = typeof(ResultsAnswer),
        ["CleanConversationUnreadMessageCountByScope"] = typeof(CleanedAnswer),
        ["GetConversationGroupList"] = typeof(GroupsAnswer),
        ["CreateConversationGroup"] = typeof(ResultsAnswer),
        ["AddConversationsToGroup"] = typeof(ResultsAnswer),
        ["DeleteConversationsFromGroup"] = typeof(ResultsAnswer),
        ["SetUserProfile"] = typeof(UserProfile),
        ["GetUserProfile"] = typeof(UserProfile),
        ["SetGroupProfile"] = typeof(GroupProfile),
        ["GetGroupProfile"] = typeof(GroupProfile),
        ["GetUserEvents"] = typeof(IReadOnlyList<JournalEntry>),
        ["GetClusterStatus"] = typeof(ClusterStatus),
    };

    /// <summary>The client's own options (a read-only copy, so the test does not lock the client's).</summary>
    private static readonly JsonSerializerOptions ClientJson = ReadOnlyCopy(ConversationActorsClient.Json);

    private GatewayServer _gateway = null!;
    private JsonElement _document;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayServer.StartAsync();
        using var http = new HttpClient { BaseAddress = _gateway.BaseAddress };
        _document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json")).RootElement.Clone();
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public void Every_answer_the_document_shows_is_read_by_the_client_and_every_field_of_it_has_a_client_property()
    {
        var missing = new List<string>();
        var checkedOperations = 0;
        foreach (var operation in OpenApiAnswers.All(_document))
        {
            if (operation.HasNoData)
            {
                continue; // delete, rename: data is null
            }

            if (!ReadInto.TryGetValue(operation.OperationId, out var type))
            {
                missing.Add($"{operation.OperationId}: the document shows an answer that no client type is listed for (add the client call, then list it here)");
                continue;
            }

            Compare(operation.OperationId + ".data", operation.Data, type, missing);
            checkedOperations++;
        }

        Assert.True(missing.Count == 0, "the client's model lacks what the server answers:\n" + string.Join("\n", missing));
        Assert.Equal(ReadInto.Count, checkedOperations);
    }

    [Fact]
    public void A_field_the_client_lacks_is_reported()
    {
        // The check itself, on a schema with one field more than the client's LastMessage.
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"msgID":{"type":"string"},"editedAt":{"type":"integer"}}}""");
        var missing = new List<string>();

        Compare("probe", schema.RootElement, typeof(LastMessage), missing);

        Assert.Equal(["probe.editedAt: LastMessage has no property read from \"editedAt\""], missing);
    }

    private void Compare(string at, JsonElement schema, Type type, List<string> missing)
    {
        schema = OpenApiAnswers.Resolve(_document, schema);
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(JsonElement))
        {
            return; // free-form JSON (an event's fields)
        }

        if (schema.TryGetProperty("items", out var items))
        {
            Compare(at + "[]", items, ElementType(type), missing);
            return;
        }

        if (schema.TryGetProperty("additionalProperties", out var values) && values.ValueKind == JsonValueKind.Object)
        {
            Compare(at + "{}", values, type.GetGenericArguments()[^1], missing);
            return;
        }

        if (!schema.TryGetProperty("properties", out var properties))
        {
            return; // a scalar or an enum
        }

        var info = ClientJson.GetTypeInfo(type);
        var names = ClientJson.PropertyNameCaseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        foreach (var property in properties.EnumerateObject())
        {
            var bound = info.Properties.FirstOrDefault(p => names.Equals(p.Name, property.Name));
            if (bound is null)
            {
                missing.Add($"{at}.{property.Name}: {type.Name} has no property read from \"{property.Name}\"");
            }
            else
            {
                Compare($"{at}.{property.Name}", property.Value, bound.PropertyType, missing);
            }
        }
    }

    private static JsonSerializerOptions ReadOnlyCopy(JsonSerializerOptions options)
    {
        var copy = new JsonSerializerOptions(options);
        copy.MakeReadOnly(populateMissingResolver: true);
        return copy;
    }

    private static Type ElementType(Type list) =>
        list.IsArray ? list.GetElementType()! : list.GetGenericArguments().Single();
}
