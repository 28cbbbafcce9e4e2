using System.Text.Json;
using ConversationActors.Domain.Queries;

namespace ConversationActors.Gateway.Rendering;

/// <summary>
/// A list answer (SPEC 4.1: the whole list, a page, a batch) written straight to the response: the envelope
/// <c>{"code":0,"desc":"","data":{"conversationList":[…],"isFinished":…,"nextSeq":…}}</c> (a batch has neither
/// isFinished nor nextSeq), each conversation written once from the entity's view with <see cref="ConversationJson"/>,
/// no DTO per item. Memory is O(page): the writer flushes to the network every <see cref="FlushBytes"/> bytes, so a
/// list of 5,000 is not held whole. The bytes are those <c>Envelope.Ok(new { conversationList, isFinished, nextSeq })</c>
/// would write with the same options.
/// </summary>
public sealed class ConversationListResult(
    IReadOnlyList<ConversationView> views, ProfileLookup profiles, JsonSerializerOptions options, bool? isFinished = null, string? nextSeq = null) : IResult
{
    /// <summary>Pending bytes after which the writer hands what it has to the response (about a socket buffer).</summary>
    public const int FlushBytes = 32 * 1024;

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var ct = httpContext.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        var body = response.BodyWriter;
        await using var writer = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = options.Encoder, SkipValidation = true });
        writer.WriteStartObject();
        writer.WriteNumber("code", 0);
        writer.WriteString("desc", string.Empty);
        writer.WriteStartObject("data");
        writer.WriteStartArray("conversationList");
        foreach (var view in views)
        {
            ConversationJson.Write(writer, view, profiles.User(view.UserID), profiles.Group(view.GroupID), options);
            if (writer.BytesPending >= FlushBytes)
            {
                writer.Flush();
                await body.FlushAsync(ct);
            }
        }

        writer.WriteEndArray();
        if (isFinished is { } finished)
        {
            writer.WriteBoolean("isFinished", finished);
            writer.WriteString("nextSeq", nextSeq);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        await body.FlushAsync(ct);
    }
}
