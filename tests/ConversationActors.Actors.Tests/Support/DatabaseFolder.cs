using Microsoft.Data.Sqlite;

namespace ConversationActors.Actors.Tests.Support;

/// <summary>
/// A fresh temporary folder per test class (a class fixture) that hands out SQLite database files.
/// Each file is a real journal and snapshot store, the same provider the quickstart runs on.
/// </summary>
public sealed class DatabaseFolder : IDisposable
{
    private int _count;

    public string Path { get; } = Directory.CreateTempSubdirectory("conversation-actors-tests-").FullName;

    /// <summary>A connection string to a database file of its own in this folder.</summary>
    public string NewConnectionString(string name = "test") =>
        $"Data Source={System.IO.Path.Combine(Path, $"{name}-{Interlocked.Increment(ref _count)}.db")}";

    public void Dispose()
    {
        // Pooled connections keep the files open; release them before deleting the folder.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a terminating system: the OS cleans the temp folder later.
        }
    }
}
