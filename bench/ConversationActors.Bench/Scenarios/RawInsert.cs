using System.Data.Common;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ConversationActors.Bench.Scenarios;

/// <summary>
/// Issue #9 (5, journal ceiling): the rows the gateway just journaled, INSERTed again into a copy of the
/// plugin's journal table in the same database — one row per transaction, and 100 rows per transaction
/// (one multi-row INSERT) — from one connection.
/// </summary>
public static partial class RawInsert
{
    public sealed record Result(double SingleRowsPerSecond, double BatchedRowsPerSecond, int SourceRows);

    public static async Task<Result> RunAsync(bool postgres, string connectionString, int singleRows, int batchedRows, int reps)
    {
        await using DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await CreateCopyAsync(connection, postgres);

        var (columns, rows) = await SourceRowsAsync(connection);
        var pid = Array.IndexOf(columns, "persistence_id");
        var single = new List<double>();
        var batched = new List<double>();
        for (var r = 0; r < reps; r++)
        {
            single.Add(await InsertAsync(connection, columns, rows, pid, $"raw1-{r}", singleRows, 1));
            batched.Add(await InsertAsync(connection, columns, rows, pid, $"raw100-{r}", batchedRows, 100));
        }

        return new Result(Load.LatencyStats.Median(single), Load.LatencyStats.Median(batched), rows.Count);
    }

    private static async Task CreateCopyAsync(DbConnection connection, bool postgres)
    {
        await ExecuteAsync(connection, "DROP TABLE IF EXISTS bench_raw_journal");
        if (postgres)
        {
            await ExecuteAsync(connection, "CREATE TABLE bench_raw_journal (LIKE journal INCLUDING ALL)");
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT type, sql FROM sqlite_master WHERE tbl_name = 'journal' AND sql IS NOT NULL ORDER BY type DESC";
        var ddl = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var sql = IndexName().Replace(reader.GetString(1), m => $"{m.Groups[1].Value}\"bench_raw_{m.Groups[2].Value}\"");
                ddl.Add(TableName().Replace(sql, "bench_raw_journal"));
            }
        }

        foreach (var sql in ddl)
        {
            await ExecuteAsync(connection, sql);
        }
    }

    private static async Task<(string[] Columns, List<object[]> Rows)> SourceRowsAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM journal ORDER BY ordering LIMIT 5000";
        await using var reader = await command.ExecuteReaderAsync();
        var keep = Enumerable.Range(0, reader.FieldCount).Where(i => reader.GetName(i) != "ordering").ToArray();
        var columns = keep.Select(reader.GetName).ToArray();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(keep.Select(reader.GetValue).ToArray());
        }

        return rows.Count > 0 ? (columns, rows) : throw new InvalidOperationException("the journal is empty: run the ingest first");
    }

    private static async Task<double> InsertAsync(DbConnection connection, string[] columns, List<object[]> rows, int pidColumn, string tag, int total, int perTransaction)
    {
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder($"INSERT INTO bench_raw_journal ({string.Join(", ", columns)}) VALUES ");
        for (var r = 0; r < perTransaction; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Length; c++)
            {
                var p = command.CreateParameter();
                p.ParameterName = $"@p{r}_{c}";
                p.Value = DBNull.Value;
                command.Parameters.Add(p);
                sql.Append(c == 0 ? string.Empty : ", ").Append(p.ParameterName);
            }

            sql.Append(')');
        }

        command.CommandText = sql.ToString();
        var clock = Stopwatch.StartNew();
        for (var k = 0; k < total; k += perTransaction)
        {
            await using var tx = await connection.BeginTransactionAsync();
            command.Transaction = tx;
            for (var r = 0; r < perTransaction; r++)
            {
                var index = k + r;
                var row = rows[index % rows.Count];
                for (var c = 0; c < columns.Length; c++)
                {
                    command.Parameters[(r * columns.Length) + c].Value = c == pidColumn ? $"{tag}-{index / rows.Count}-{row[c]}" : row[c];
                }
            }

            await command.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        }

        return total / clock.Elapsed.TotalSeconds;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex(@"(INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?)""?(\w+)""?", RegexOptions.IgnoreCase)]
    private static partial Regex IndexName();

    [GeneratedRegex(@"(?<![\w_])""?journal""?(?![\w_])")]
    private static partial Regex TableName();
}
