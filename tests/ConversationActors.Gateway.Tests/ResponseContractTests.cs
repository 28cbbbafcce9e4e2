using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using ConversationActors.Gateway.Http;
using ConversationActors.Gateway.Tests.Infrastructure;
using ConversationActors.TestSupport.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationActors.Gateway.Tests;

/// <summary>
/// Issue 27, item 4: every endpoint of the API answers a response record in the envelope, and OpenAPI shows that record.
/// The endpoints' own metadata (from their handlers' <c>Answer&lt;T&gt;</c> return type) and the served document must
/// agree, with the record's properties as the data's schema.
/// </summary>
public sealed class ResponseContractTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Every_API_endpoint_answers_an_envelope_of_its_record_and_OpenAPI_shows_that_record()
    {
        var document = (await fixture.Api.GetAsync("/openapi/v1.json")).Json;
        var answers = OpenApiAnswers.All(document).ToDictionary(o => (o.Path, o.Method));
        var checkedEndpoints = 0;
        foreach (var endpoint in fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = "/" + endpoint.RoutePattern.RawText!.TrimStart('/').TrimEnd('/');
            if (!path.StartsWith("/v1/", StringComparison.Ordinal) || path.EndsWith("/conversations/changes", StringComparison.Ordinal))
            {
                continue; // health, metrics, console and OpenAPI itself are not the API; the change feed is text/event-stream
            }

            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single();
            var produced = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().SingleOrDefault(p => p.StatusCode == StatusCodes.Status200OK);
            Assert.True(produced?.Type is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(Envelope<>), $"{method} {path} does not answer Answer<T>");
            var record = produced!.Type!.GetGenericArguments()[0];

            Assert.True(answers.TryGetValue((path, method.ToLowerInvariant()), out var answer), $"OpenAPI shows no JSON answer of {method} {path}");
            Assert.Equal(["code", "data", "desc"], answer.Envelope.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            if (answer.Data.TryGetProperty("properties", out var fields))
            {
                var declared = record.GetProperties().Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: JsonIgnoreCondition.Always })
                    .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Where(n => n != "equalityContract").Order(StringComparer.Ordinal);
                Assert.Equal(declared, fields.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            }

            checkedEndpoints++;
        }

        Assert.Equal(32, checkedEndpoints); // every route under /v1 but the change feed
    }
}
