using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ConversationActors.Actors.Serialization;
using ConversationActors.Domain.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConversationActors.Cli.Tests;

/// <summary>A gateway on a fresh SQLite file, plus what the audit tests need to drive and inspect it.</summary>
public sealed class AuditHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private AuditHost(string folder, string hocon, TimeProvider? time)
    {
        Folder = folder;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConversationActors:Hocon", $"conversation-actors.sqlite.connection-string = \"{ConnectionString}\"\n{hocon}");
            if (time is not null)
            {
                web.ConfigureTestServices(services =>
                {
                    services.RemoveAll<TimeProvider>();
                    services.AddSingleton(time);
                });
            }
        });
        Http = _factory.CreateClient();
    }

    public string Folder { get; }

    public string ConnectionString => $"Data Source={Path.Combine(Folder, "c.db")}";

    public HttpClient Http { get; }

    public HttpMessageHandler Handler => _factory.Server.CreateHandler();

    /// <param name="hocon">Settings on top of config/ (e.g. the journal's life cycle).</param>
    /// <param name="time">A clock replacing the system's in the gateway.</param>
    public static AuditHost Start(string hocon = "", TimeProvider? time = null) => new(Directory.CreateTempSubdirectory("ca-audit-").FullName, hocon, time);

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

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
