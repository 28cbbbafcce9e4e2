using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace ConversationActors.Gateway.WebConsole;

/// <summary>
/// The console's static files, embedded in the gateway assembly (<c>WebConsole/assets/**</c>, logical names
/// <c>console/...</c>): they travel with the binary, need no web root and work offline. Read once at start.
/// </summary>
public sealed class ConsoleAssets
{
    private const string Prefix = "console/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, ConsoleAsset> _files;

    private ConsoleAssets(FrozenDictionary<string, ConsoleAsset> files) => _files = files;

    /// <summary>The assets embedded in this assembly.</summary>
    public static ConsoleAssets Embedded { get; } = Load(typeof(ConsoleAssets).Assembly);

    /// <summary>The relative paths served, e.g. <c>index.html</c>, <c>client/index.js</c>.</summary>
    public IEnumerable<string> Paths => _files.Keys;

    public ConsoleAsset? Find(string path) => _files.GetValueOrDefault(path);

    private static ConsoleAssets Load(Assembly assembly)
    {
        var files = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var path = name[Prefix.Length..].Replace('\\', '/');
            var type = ContentTypes.GetValueOrDefault(System.IO.Path.GetExtension(path), "application/octet-stream");
            files[path] = new ConsoleAsset(bytes, type, $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"");
        }

        return new ConsoleAssets(files.ToFrozenDictionary(StringComparer.Ordinal));
    }
}

/// <summary>One file: its bytes, content type and a strong ETag (a hash of the bytes).</summary>
public sealed record ConsoleAsset(byte[] Bytes, string ContentType, string ETag);
