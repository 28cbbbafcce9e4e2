using System.Data.Common;
using Akka.Configuration;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ConversationActors.Actors.Journal;

/// <summary>
/// One read statement on a pooled connection of its own, with its named parameters bound: how the journal and the
/// snapshot store run the reads every recovery makes, on SQLite (Microsoft.Data.Sqlite) and PostgreSQL (Npgsql) alike.
/// The SQL names its parameters <c>@name</c>, which both providers bind. Disposing it closes both.
/// </summary>
public sealed class SqlStatement : IAsyncDisposable
{
    private readonly DbConnection _connection;

    private SqlStatement(DbConnection connection, DbCommand command)
    {
        _connection = connection;
        Command = command;
    }

    /// <summary>The bound command, ready to execute.</summary>
    public DbCommand Command { get; }

    /// <summary>
    /// The ADO.NET provider of a plugin's <c>provider-name</c> (linq2db's names: <c>SQLite.MS</c>,
    /// <c>PostgreSQL.15</c>, …); the stores this service runs on are SQLite and PostgreSQL.
    /// </summary>
    public static DbProviderFactory ProviderOf(Config pluginConfig)
    {
        var name = pluginConfig.GetString("provider-name", string.Empty);
        return name.StartsWith("SQLite", StringComparison.OrdinalIgnoreCase) ? SqliteFactory.Instance
            : name.StartsWith("PostgreSQL", StringComparison.OrdinalIgnoreCase) ? NpgsqlFactory.Instance
            : throw new ConfigurationException($"provider-name '{name}': this service reads only SQLite and PostgreSQL stores");
    }

    /// <summary>
    /// A row refused because one with its key exists: SQLite's SQLITE_CONSTRAINT (19), PostgreSQL's unique_violation
    /// (SQLSTATE 23505). What two incarnations of one entity writing the same sequence number meet.
    /// </summary>
    public static bool IsUniqueViolation(DbException e) => e is SqliteException { SqliteErrorCode: 19 } || e.SqlState == "23505";

    /// <summary>A table or column name quoted for both providers (the plugin's names are used exactly as configured).</summary>
    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A table's name with its schema, if any, both quoted.</summary>
    public static string Table(string? schema, string name) => (string.IsNullOrEmpty(schema) ? "" : Quote(schema) + ".") + Quote(name);

    /// <param name="provider">See <see cref="ProviderOf"/>.</param>
    /// <param name="connectionString">The store's connection string.</param>
    /// <param name="sql">The statement, its parameters named <c>@name</c>.</param>
    /// <param name="cancellationToken">Cancels the opening of the connection.</param>
    /// <param name="parameters">Each parameter's name (with its <c>@</c>) and value.</param>
    public static async Task<SqlStatement> OpenAsync(
        DbProviderFactory provider, string connectionString, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        var connection = provider.CreateConnection() ?? throw new InvalidOperationException($"{provider.GetType().Name} made no connection");
        try
        {
            connection.ConnectionString = connectionString;
            await connection.OpenAsync(cancellationToken);
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            return new SqlStatement(connection, command);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Command.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
