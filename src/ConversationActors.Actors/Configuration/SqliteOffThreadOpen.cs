using System.Data.Common;
using Akka.Persistence.Sql.Config;
using LinqToDB;
using LinqToDB.Interceptors;

namespace ConversationActors.Actors.Configuration;

/// <summary>
/// Lets the journal's writer batch on SQLite (issue #13). Microsoft.Data.Sqlite's async methods run synchronously, so
/// Akka.Persistence.Sql's write stream (<c>BatchWeighted → SelectAsync(parallelism)</c>) used to run each commit inside
/// the stream's own actor: the next write could only arrive after the commit, found the writer idle and went alone
/// (one event per transaction, measured). Yielding when a connection opens moves each database call to the thread
/// pool; while one commit runs, the writes that arrive meanwhile gather into the next batch (up to <c>batch-size</c>)
/// — one transaction for many entities' events. Durability is unchanged: each caller is still answered only after the
/// transaction holding its events has committed.
/// </summary>
public sealed class SqliteOffThreadOpen : IConnectionInterceptor
{
    /// <summary>
    /// The data options for every Akka.Persistence.Sql plugin of this system (journal, snapshot store, query): the
    /// store's connection string with provider <c>SQLite.MS</c>, plus this interceptor. Add it to the ActorSystem's setup.
    /// </summary>
    public static DataOptionsSetup Setup(string connectionString) =>
        new(new DataOptions().UseConnectionString(ProviderName.SQLiteMS, connectionString).UseInterceptor(new SqliteOffThreadOpen()));

    public void ConnectionOpening(ConnectionEventData eventData, DbConnection connection)
    {
    }

    public async Task ConnectionOpeningAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken) =>
        await Task.Yield();

    public void ConnectionOpened(ConnectionEventData eventData, DbConnection connection)
    {
    }

    public Task ConnectionOpenedAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
