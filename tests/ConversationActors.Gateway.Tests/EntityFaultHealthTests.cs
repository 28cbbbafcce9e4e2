using System.Net;
using ConversationActors.Gateway.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace ConversationActors.Gateway.Tests;

/// <summary>
/// Issue 26 over HTTP: one user's poison event (stored bytes that no longer deserialize) is that user's fault, not the
/// store's. The user is answered 503 naming the entity; /health/ready, /metrics and GET /v1/admin/cluster each tell the
/// entity fault apart from the store, which stays available; other users are served.
/// </summary>
public sealed class EntityFaultHealthTests : IDisposable
{
    private const string Poisoned = "ef-poisoned";
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_poison_event_shows_as_one_entitys_fault_in_readiness_metrics_and_the_cluster_view_while_the_store_stays_available()
    {
        await using (var first = await GatewayHost.StartAsync(_folder.Database))
        {
            (await first.Api.AddMessageAsync(Poisoned, "C2Cbob", Messages.Body("m1", "bob", Messages.HourAgo))).Ok();
            (await first.Api.AddMessageAsync(Poisoned, "C2Ccarol", Messages.Body("m2", "carol", Messages.HourAgo + 1))).Ok();
        }

        CorruptEvent(_folder.Database, "conversations-" + Poisoned, 2);
        await using var host = await GatewayHost.StartAsync(_folder.Database);
        var api = host.Api;

        var refused = (await api.ListAsync(Poisoned)).Refused(HttpStatusCode.ServiceUnavailable, 50004);
        Assert.Contains("conversations-" + Poisoned, refused.Desc);
        Assert.Contains("only this entity is affected", refused.Desc);
        (await api.AddMessageAsync("ef-bystander", "C2Cbob", Messages.Body("m9", "bob", Messages.HourAgo))).Ok();

        var ready = (await api.GetAsync("/health/ready")).Ok();
        Assert.Equal("Degraded", ready.GetProperty("status").GetString());
        var checks = ready.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("store").GetProperty("status").GetString());
        Assert.Equal("Degraded", checks.GetProperty("entities").GetProperty("status").GetString());
        Assert.Contains("conversations-" + Poisoned, checks.GetProperty("entities").GetProperty("description").GetString());

        using var response = await api.Http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Matches(@"conversation_actors_store_available(\{[^}]*\})? 1", text);
        Assert.Matches(@"conversation_actors_entity_faulted(_entity)?(\{[^}]*\})? 1", text);
        Assert.Matches(@"conversation_actors_entity_faults(_fault)?_total(\{[^}]*\})? 1", text);

        var health = (await api.GetAsync("/v1/admin/cluster")).Ok().GetProperty("health");
        Assert.True(health.GetProperty("store").GetProperty("available").GetBoolean());
        var faults = health.GetProperty("entityFaults");
        Assert.Equal(1, faults.GetProperty("count").GetInt32());
        var fault = Assert.Single(faults.GetProperty("entities").EnumerateArray());
        Assert.Equal("conversations-" + Poisoned, fault.GetProperty("persistenceId").GetString());
        Assert.Equal("recovery", fault.GetProperty("what").GetString());
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>Overwrites the stored payload of one event with bytes no serializer reads.</summary>
    private static void CorruptEvent(string databasePath, string persistenceId, long sequenceNr)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE journal SET message = X'DEADBEEF' WHERE persistence_id = $id AND sequence_number = $seq";
        command.Parameters.AddWithValue("$id", persistenceId);
        command.Parameters.AddWithValue("$seq", sequenceNr);
        Assert.Equal(1, command.ExecuteNonQuery());
        SqliteConnection.ClearAllPools();
    }
}
