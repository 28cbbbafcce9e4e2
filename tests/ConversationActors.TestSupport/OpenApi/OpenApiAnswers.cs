using System.Text.Json;

namespace ConversationActors.TestSupport.OpenApi;

/// <summary>
/// Reading a gateway's <c>/openapi/v1.json</c> for what its endpoints answer (issue 27, item 4): each operation's HTTP 200
/// JSON schema, the schema of its envelope's <c>data</c>, with <c>$ref</c>s and nullable <c>oneOf [null, X]</c> followed.
/// </summary>
public static class OpenApiAnswers
{
    /// <summary>One operation's answer: where it is, its operationId, its envelope's schema and its data's schema.</summary>
    public sealed record Operation(string Path, string Method, string OperationId, JsonElement Envelope, JsonElement Data)
    {
        /// <summary>True for answers without data (<c>"data": null</c>: a delete, a rename): an object schema with nothing in it.</summary>
        public bool HasNoData =>
            Data.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "object"
            && !Data.TryGetProperty("properties", out _) && !Data.TryGetProperty("additionalProperties", out _);
    }

    /// <summary>Every operation of <paramref name="document"/> with an HTTP 200 <c>application/json</c> answer.</summary>
    public static IEnumerable<Operation> All(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Value.GetProperty("responses").TryGetProperty("200", out var ok)
                    && ok.TryGetProperty("content", out var content)
                    && content.TryGetProperty("application/json", out var json))
                {
                    var envelope = Resolve(document, json.GetProperty("schema"));
                    var data = Resolve(document, envelope.GetProperty("properties").GetProperty("data"));
                    yield return new Operation(path.Name, operation.Name, operation.Value.GetProperty("operationId").GetString()!, envelope, data);
                }
            }
        }
    }

    /// <summary>Follows <c>$ref</c> and a nullable's <c>oneOf [null, X]</c> to the schema itself.</summary>
    public static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        while (true)
        {
            if (schema.TryGetProperty("$ref", out var reference))
            {
                schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!["#/components/schemas/".Length..]);
            }
            else if (schema.TryGetProperty("oneOf", out var oneOf) && oneOf.EnumerateArray().Where(s => !IsNull(s)).ToArray() is [var only])
            {
                schema = only;
            }
            else
            {
                return schema;
            }
        }
    }

    private static bool IsNull(JsonElement schema) =>
        schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null";
}
