using System.Diagnostics;

namespace ConversationActors.Bench.Scenarios;

/// <summary>
/// A small tmpfs for the SQLite store's disk-full outage (<see cref="StoreOutage"/>); mounting needs root. Fill it to
/// the last byte with <see cref="Fill"/>, give the space back with <see cref="Free"/>.
/// </summary>
public sealed class TmpfsDisk : IDisposable
{
    private TmpfsDisk(string path) => Path = path;

    public string Path { get; }

    private string Filler => System.IO.Path.Combine(Path, "filler");

    public static bool CanMount => Environment.UserName == "root";

    public static TmpfsDisk Mount(int megabytes)
    {
        var path = Directory.CreateTempSubdirectory("conversation-actors-bench-disk-").FullName;
        Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        return new TmpfsDisk(path);
    }

    public void Fill()
    {
        using var file = new FileStream(Filler, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        foreach (var size in new[] { 64 * 1024, 4096 })
        {
            var block = new byte[size];
            try
            {
                while (true)
                {
                    file.Write(block);
                }
            }
            catch (IOException)
            {
                // No space left for a block of this size: go on with smaller blocks, then the disk is full.
            }
        }
    }

    public void Free() => File.Delete(Filler);

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path);
    }

    private static void Run(string command, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}");
        }
    }
}
