using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ConversationActors.Actors.Configuration;
using ConversationActors.Domain.Ids;
using ConversationActors.Gateway.Contracts;
using ConversationActors.Gateway.Http;
using ConversationActors.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationActors.Gateway.Tests;

/// <summary>
/// Issue #18 typed contracts: each request record is what its parser produces and what OpenAPI shows. Here every
/// contract is fed a body holding each of its properties (twice, with different values, so a field read under another
/// name falls back to its default and shows), and must read back exactly that body; OpenAPI documents those names.
/// </summary>
public sealed class RequestContractTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEnumerable<object[]> Contracts => ContractTypes().Select(t => new object[] { t.Name });

    [Fact]
    public void Every_documented_body_is_a_contract_and_there_are_all_of_them()
    {
        Assert.True(ContractTypes().Count >= 18, string.Join(", ", ContractTypes().Select(t => t.Name)));
    }

    [Theory]
    [MemberData(nameof(Contracts))]
    public void Each_contract_reads_back_every_property_it_declares(string name)
    {
        var type = ContractTypes().Single(t => t.Name == name);
        foreach (var variant in new[] { 0, 1 })
        {
            var body = new JsonObject();
            foreach (var property in WireProperties(type))
            {
                body[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = Sample(type, property, variant);
            }

            var read = Read(type, body, fixture.Host.Services.GetRequiredService<NodeSettings>());

            var back = JsonSerializer.SerializeToNode(read, type, Json)!.AsObject();
            Assert.True(JsonNode.DeepEquals(body, back), $"{name} variant {variant}: sent {body.ToJsonString()}, read {back.ToJsonString()}");
        }
    }

    [Fact]
    public async Task OpenAPI_documents_each_body_with_exactly_the_contract_fields()
    {
        var paths = (await fixture.Api.GetAsync("/openapi/v1.json")).Json.GetProperty("paths");
        var documented = 0;
        foreach (var endpoint in fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<AcceptsJsonExtensions.JsonBodyDoc>() is not { } doc)
            {
                continue;
            }

            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single().ToLowerInvariant();
            var path = "/" + endpoint.RoutePattern.RawText!.TrimStart('/').TrimEnd('/');
            var schema = paths.GetProperty(path).GetProperty(method).GetProperty("requestBody").GetProperty("content")
                .GetProperty("application/json").GetProperty("schema");
            var names = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
            var declared = WireProperties(doc.Type).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order(StringComparer.Ordinal);
            Assert.Equal(declared, names);
            Assert.Contains(doc.Type, ContractTypes());
            documented++;
        }

        Assert.Equal(19, documented); // GroupConversationsRequest documents two endpoints
    }

    private static List<Type> ContractTypes() =>
        typeof(IRequestBody<>).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestBody<>) && i.GetGenericArguments()[0] == t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();

    private static IEnumerable<PropertyInfo> WireProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null && p.Name != "EqualityContract");

    private static object Read(Type type, JsonObject body, NodeSettings settings)
    {
        using var document = JsonDocument.Parse(body.ToJsonString());
        var method = type.GetMethod("Read", BindingFlags.Public | BindingFlags.Static, [typeof(BodyFields), typeof(NodeSettings)])!;
        try
        {
            return method.Invoke(null, [new BodyFields(document.RootElement), settings])!;
        }
        catch (TargetInvocationException e) when (e.InnerException is RequestRefusedException refused)
        {
            throw new Xunit.Sdk.XunitException($"{type.Name} refused its own fields {body.ToJsonString()}: {refused.Refusal.Desc}");
        }
    }

    private static JsonNode? Sample(Type contract, PropertyInfo property, int variant)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (contract == typeof(FanOutRequest) && property.Name == nameof(FanOutRequest.ReceiverID))
        {
            return null; // exactly one target: the group with its members
        }

        return type switch
        {
            _ when type == typeof(string) && property.Name == "ConversationID" => variant == 0 ? "C2Cx1" : "GROUPx2",
            _ when type == typeof(string) => variant == 0 ? "x1" : "x2",
            _ when type == typeof(long) => variant == 0 ? 1L : 2L,
            _ when type == typeof(int) => variant == 0 ? 1 : 2,
            _ when type == typeof(ulong) => variant == 0 ? 1UL : 2UL,
            _ when type == typeof(bool) => variant == 0,
            { IsEnum: true } => JsonSerializer.SerializeToNode(Enum.GetValues(type).GetValue(variant + 1), type, Json),
            _ when type == typeof(IReadOnlyList<ConversationId>) => new JsonArray(variant == 0 ? "C2Cx1" : "GROUPx2"),
            _ when type == typeof(IReadOnlyList<string>) => variant == 0 ? new JsonArray("x1") : new JsonArray("x1", "x2"),
            _ => throw new Xunit.Sdk.XunitException($"no sample for {contract.Name}.{property.Name} of {type.Name}: extend the test"),
        };
    }
}
