using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace ConversationActors.Actors.Tests.Support;

/// <summary>
/// A real, small filesystem for disk-full tests: a tmpfs of a few MiB mounted on a temporary folder (needs root, which
/// the test machines and CI have), plus a filler file that takes all but a little of its space. Disposing unmounts it.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    public string Filler => System.IO.Path.Combine(Path, "filler");

    public static SmallDisk Mount(int megabytes)
    {
        var path = Directory.CreateTempSubdirectory("conversation-actors-disk-").FullName;
        Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        return new SmallDisk(path);
    }

    /// <summary>Fills the disk with a filler file so that about <paramref name="freeBytes"/> stay free.</summary>
    public void FillLeaving(long freeBytes)
    {
        var drive = new DriveInfo(Path);
        var size = Math.Max(0, drive.AvailableFreeSpace - freeBytes);
        using var file = File.Create(Filler);
        var block = new byte[64 * 1024];
        for (long written = 0; written < size; written += block.Length)
        {
            file.Write(block, 0, (int)Math.Min(block.Length, size - written));
        }
    }

    public void FreeFiller() => File.Delete(Filler);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
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
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error} — disk-full tests need root to mount a tmpfs");
        }
    }
}
