using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ConversationActors.Gateway.Http;

/// <summary>
/// Documents a JSON request body in OpenAPI without the framework's content-type check: bodies are
/// read as JSON whatever the Content-Type header says (chat backends and curl often omit it), so a
/// missing header is never a 415. Its schema rules apply to the answers' records too (<see cref="Answer{T}"/>).
/// </summary>
public static class AcceptsJsonExtensions
{
    /// <summary>Documents the body contract <typeparamref name="T"/> (the same record the handler parses).</summary>
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder builder)
        where T : Contracts.IRequestBody<T> =>
        builder.WithMetadata(new JsonBodyDoc(typeof(T)));

    /// <summary>Adds the documented body to each operation that carries <see cref="JsonBodyDoc"/>.</summary>
    public static OpenApiOptions AddJsonBodyDocs(this OpenApiOptions options) =>
        options.AddSchemaTransformer((schema, context, cancellationToken) =>
        {
            // A conversation ID travels as its string form (SPEC 3.1), through its own JSON converter.
            if (context.JsonTypeInfo.Type == typeof(Domain.Ids.ConversationId))
            {
                schema.Type = JsonSchemaType.String;
                schema.Properties?.Clear();
                schema.Description = "A conversation ID: C2C{userID}, GROUP{groupID}, @TIM#SYSTEM (or c2c_/group_ forms)";
            }

            // A field an answer leaves out when null (the profile answer's userProfile or groupProfile) is not required.
            if (schema.Required is { Count: > 0 } required)
            {
                foreach (var property in context.JsonTypeInfo.Properties.Where(OmittedWhenNull))
                {
                    required.Remove(property.Name);
                }
            }

            return Task.CompletedTask;
        }).AddOperationTransformer(async (operation, context, cancellationToken) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<JsonBodyDoc>().FirstOrDefault() is { } doc)
            {
                var schema = await context.GetOrCreateSchemaAsync(doc.Type, null, cancellationToken);
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
                };
            }
        });

    public sealed record JsonBodyDoc(Type Type);

    private static bool OmittedWhenNull(JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
            .OfType<JsonIgnoreAttribute>().Any(a => a.Condition == JsonIgnoreCondition.WhenWritingNull) == true;
}
