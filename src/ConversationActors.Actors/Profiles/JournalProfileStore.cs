using System.Data.Common;
using Akka.Actor;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Db;
using Akka.Persistence.Sql.Journal.Types;
using ConversationActors.Actors.Entities;
using ConversationActors.Domain.Profiles;
using LinqToDB;
using Microsoft.Data.Sqlite;

namespace ConversationActors.Actors.Profiles;

/// <summary>
/// <see cref="IProfileStore"/> over the profile entities' own journal: every profile event holds the whole profile after
/// the change (<see cref="IProfileEvent"/>), so a profile is its entity's latest event. One query per
/// <see cref="ChunkSize"/> IDs selects, for each persistence ID asked, the row with the highest sequence number, through
/// Akka.Persistence.Sql's own table mapping and connection factory, and decodes it with the serializer the row names.
/// A profile entity is answered only after its event is durable, so what this reads is what the entity holds. Before the
/// first write creates the journal's table there are no profiles (not an error).
/// </summary>
public sealed class JournalProfileStore : IProfileStore
{
    /// <summary>IDs per query: well under SQLite's and PostgreSQL's bound-parameter limits (32,766 and 65,535).</summary>
    public const int ChunkSize = 1000;

    private readonly AkkaPersistenceDataConnectionFactory _connections;
    private readonly Akka.Serialization.Serialization _serialization;

    /// <summary>Reads the journal configured as <c>akka.persistence.journal.plugin</c> of <paramref name="system"/>.</summary>
    public JournalProfileStore(ActorSystem system)
    {
        var config = system.Settings.Config;
        _connections = new AkkaPersistenceDataConnectionFactory(new JournalConfig(config.GetConfig(config.GetString("akka.persistence.journal.plugin"))));
        _serialization = system.Serialization;
    }

    /// <inheritdoc />
    public async Task<ProfileBatch> ReadAsync(IReadOnlyCollection<string> userIDs, IReadOnlyCollection<string> groupIDs, CancellationToken cancellationToken)
    {
        if (userIDs.Count + groupIDs.Count == 0)
        {
            return ProfileBatch.None;
        }

        var persistenceIds = userIDs.Select(id => UserProfileActor.PersistencePrefix + id)
            .Concat(groupIDs.Select(id => GroupProfileActor.PersistencePrefix + id));
        try
        {
            return await ReadAsync(persistenceIds, cancellationToken);
        }
        catch (DbException e) when (IsMissingTable(e))
        {
            // The journal's table is created by the first write: before it, no profile exists.
            return ProfileBatch.None;
        }
    }

    /// <summary>SQLite's "no such table", PostgreSQL's undefined_table (SQLSTATE 42P01).</summary>
    private static bool IsMissingTable(DbException e) =>
        e.SqlState == "42P01" || (e is SqliteException { SqliteErrorCode: 1 } && e.Message.Contains("no such table", StringComparison.Ordinal));

    private async Task<ProfileBatch> ReadAsync(IEnumerable<string> persistenceIds, CancellationToken cancellationToken)
    {
        var users = new Dictionary<string, UserProfile>(StringComparer.Ordinal);
        var groups = new Dictionary<string, GroupProfile>(StringComparer.Ordinal);
        await using var db = _connections.GetConnection();
        var journal = db.GetTable<JournalRow>();
        foreach (var chunk in persistenceIds.Chunk(ChunkSize))
        {
            var latest = await LinqToDB.Async.AsyncExtensions.ToListAsync(
                journal.Where(r => chunk.Contains(r.PersistenceId)
                    && r.SequenceNumber == journal.Where(s => s.PersistenceId == r.PersistenceId).Max(s => s.SequenceNumber))
                .Select(r => new { r.Message, r.Identifier, r.Manifest }),
                cancellationToken);
            foreach (var row in latest)
            {
                var identifier = row.Identifier ?? throw new InvalidOperationException($"a profile event without a serializer id (manifest {row.Manifest})");
                switch (_serialization.Deserialize(row.Message, identifier, row.Manifest))
                {
                    case UserProfileChanged user:
                        users[user.Profile.UserID] = user.Profile;
                        break;
                    case GroupProfileChanged group:
                        groups[group.Profile.GroupID] = group.Profile;
                        break;
                }
            }
        }

        return new ProfileBatch(users, groups);
    }
}
