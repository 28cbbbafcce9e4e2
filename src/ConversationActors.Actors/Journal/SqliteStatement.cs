using Microsoft.Data.Sqlite;

namespace ConversationActors.Actors.Journal;

/// <summary>
/// One read statement on a connection of its own to the SQLite file (pooled by Microsoft.Data.Sqlite), with its named
/// parameters bound: how the SQLite journal and snapshot store run their recovery reads. Disposing it closes both.
/// </summary>
public sealed class SqliteStatement : IDisposable
{
    private readonly SqliteConnection _connection;

    /// <param name="connectionString">The store's SQLite connection string.</param>
    /// <param name="sql">The statement, its parameters named <c>$name</c>.</param>
    /// <param name="parameters">Each parameter's name (with its <c>$</c>) and value.</param>
    public SqliteStatement(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        Command = _connection.CreateCommand();
        Command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            Command.Parameters.AddWithValue(name, value);
        }
    }

    /// <summary>The bound command, ready to execute.</summary>
    public SqliteCommand Command { get; }

    public void Dispose()
    {
        Command.Dispose();
        _connection.Dispose();
    }
}
