using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ConversationActors.Actors.Serialization;
using ConversationActors.Domain.Events;
using ConversationActors.TestSupport.Hosting;
using Microsoft.Data.Sqlite;

namespace ConversationActors.Cli.Tests;

/// <summary>TestSupport's <see cref="InProcessGateway"/> on a fresh SQLite file, plus what the audit tests need to drive and inspect it.</summary>
public sealed class AuditHost : IAsyncDisposable
{
    private readonly InProcessGateway _gateway;

    private AuditHost(string folder, InProcessGateway gateway)
    {
        Folder = folder;
        _gateway = gateway;
        Http = gateway.CreateClient();
    }

    public string Folder { get; }

    public string ConnectionString => ConnectionStringOf(Folder);

    /// <summary>Where the gateway listens: what convctl's <c>--url</c> names.</summary>
    public Uri BaseAddress => _gateway.BaseAddress;

    public HttpClient Http { get; }

    /// <param name="hocon">Settings on top of config/ (e.g. the journal's life cycle).</param>
    /// <param name="time">A clock replacing the system's in the gateway.</param>
    public static async Task<AuditHost> StartAsync(string hocon = "", TimeProvider? time = null)
    {
        var folder = Directory.CreateTempSubdirectory("ca-audit-").FullName;
        var gateway = await InProcessGateway.StartAsync($"conversation-actors.sqlite.connection-string = \"{ConnectionStringOf(folder)}\"\n{hocon}", time);
        return new AuditHost(folder, gateway);
    }

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public async Task<JsonNode> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await Http.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public Task<JsonNode> MessageAsync(string userID, string conversationID, string msgID, string senderID, long timestamp) =>
        SendAsync(HttpMethod.Post, $"/v1/users/{userID}/conversations/{Uri.EscapeDataString(conversationID)}/messages",
            new { msgID, senderID, timestamp, summary = "text of " + msgID });

    /// <summary>Plants an event straight into the journal table, behind the running entity's back.</summary>
    public async Task AppendBehindTheEntityAsync(string userID, long seq, IConversationEvent evt)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO journal (created, deleted, persistence_id, sequence_number, message, manifest, identifier, writer_uuid)
            VALUES ($created, 0, $pid, $seq, $message, $manifest, $identifier, 'planted')
            """;
        command.Parameters.AddWithValue("$created", DateTime.UtcNow.Ticks);
        command.Parameters.AddWithValue("$pid", "conversations-" + userID);
        command.Parameters.AddWithValue("$seq", seq);
        command.Parameters.AddWithValue("$message", PayloadCodec.Serialize(evt));
        command.Parameters.AddWithValue("$manifest", PayloadCodec.ManifestOf(evt));
        command.Parameters.AddWithValue("$identifier", ConversationSerializer.Id);
        await command.ExecuteNonQueryAsync();
    }

    private static string ConnectionStringOf(string folder) => $"Data Source={Path.Combine(folder, "c.db")}";

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _gateway.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
