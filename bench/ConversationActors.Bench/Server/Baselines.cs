using System.Buffers;
using System.Text.Json;
using ConversationActors.Actors.Telemetry;
using ConversationActors.Bench.Server;
using ConversationActors.Domain.Queries;
using ConversationActors.Gateway.Apis;
using ConversationActors.Gateway.Http;
using ConversationActors.Gateway.Rendering;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

[assembly: HostingStartup(typeof(BaselineHostingStartup))]

namespace ConversationActors.Bench.Server;

/// <summary>
/// Adds the baseline endpoints to the gateway's own Kestrel when the gateway runs inside the bench
/// process (<c>bench serve</c>, BENCH_BASELINES=1). ASP.NET Core loads hosting startups from the
/// application assembly, which is ours, so the gateway's Program runs unchanged.
/// </summary>
public sealed class BaselineHostingStartup : IHostingStartup
{
    public const string Variable = "BENCH_BASELINES";

    public void Configure(IWebHostBuilder builder)
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            return;
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<Baselines>();
            services.AddTransient<IStartupFilter, BaselineStartupFilter>();
        });
    }
}

/// <summary>Puts the baselines first in the pipeline: plain middleware, no routing, no envelope middleware.</summary>
public sealed class BaselineStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var baselines = app.ApplicationServices.GetRequiredService<Baselines>();
        app.Use(async (context, nextMiddleware) =>
        {
            if (!await baselines.TryHandleAsync(context))
            {
                await nextMiddleware(context);
            }
        });
        next(app);
    };
}

/// <summary>
/// The comparison points of issue #9, served beside the real API:
/// <list type="bullet">
/// <item><c>GET /bench/http-ceiling</c>: the exact bytes of the actor's page answer, from memory;</item>
/// <item><c>GET /bench/serialize-ceiling</c>: the same 100 conversation DTOs serialized per request (no actor, no Ask);</item>
/// <item><c>GET /bench/serialize-list-all</c>: the user's whole list as DTOs serialized per request (no actor, no Ask);</item>
/// <item><c>GET /bench/cold-list-all</c>: the user's whole list through the real endpoint, the profile cache emptied first;</item>
/// <item><c>GET /bench/redis-page</c>: the page from Redis (sorted set by orderKey + one hash per conversation);</item>
/// <item><c>GET /bench/pg-page</c>: the page from a PostgreSQL table (ORDER BY order_key DESC LIMIT 100 on an index);</item>
/// <item><c>GET /bench/heap</c>: the GC heap now, without a collection, and as the last collection left it (the soak's samples), bytes allocated so far, collections per generation and total GC pause (ms);</item>
/// <item><c>GET /bench/journal-commits</c>: <c>{transactions, rows}</c> of <see cref="JournalCommits"/> (issue #13);</item>
/// <item><c>POST /bench/ingest-ceiling/v1/users/{u}/conversations/{c}/messages</c>: <see cref="IngestCeiling"/> (issue 27).</item>
/// </list>
/// <c>POST /bench/setup?user=U&amp;count=100</c> loads them from the user's live list.
/// </summary>
public sealed class Baselines(IServiceProvider services, IOptions<JsonOptions> json)
{
    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;
    private byte[] _pageBytes = [];
    private IReadOnlyList<ConversationDto> _pageDtos = [];
    private IReadOnlyList<ConversationDto> _allDtos = [];
    private string _allCursor = string.Empty;
    private bool _pageFinished;
    private string _pageCursor = string.Empty;
    private string _user = string.Empty;
    private int _count = 100;
    private IDatabase? _redis;
    private NpgsqlDataSource? _postgres;

    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (path is null || !path.StartsWith("/bench/", StringComparison.Ordinal))
        {
            return false;
        }

        if (path.StartsWith(IngestCeiling.PathPrefix + "/", StringComparison.Ordinal))
        {
            await IngestCeiling.HandleAsync(context);
            return true;
        }

        switch (path)
        {
            case "/bench/http-ceiling":
                context.Response.ContentType = "application/json; charset=utf-8";
                context.Response.ContentLength = _pageBytes.Length;
                await context.Response.Body.WriteAsync(_pageBytes, context.RequestAborted);
                return true;
            case "/bench/serialize-ceiling":
                await Envelope.Ok(new { conversationList = _pageDtos, isFinished = _pageFinished, nextSeq = _pageCursor }).ExecuteAsync(context);
                return true;
            case "/bench/serialize-list-all":
                await Envelope.Ok(new { conversationList = _allDtos, isFinished = true, nextSeq = _allCursor }).ExecuteAsync(context);
                return true;
            case "/bench/cold-list-all":
                // The real list endpoint with an empty profile cache: every peer's profile is read from the store.
                services.GetRequiredService<ProfileCache>().Clear();
                context.Request.Path = $"/v1/users/{_user}/conversations";
                return false;
            case "/bench/redis-page":
                await RedisPageAsync(context);
                return true;
            case "/bench/pg-page":
                await PostgresPageAsync(context);
                return true;
            case "/bench/setup" when HttpMethods.IsPost(context.Request.Method):
                await SetupAsync(context);
                return true;
            case "/bench/journal-commits":
                var (transactions, rows) = JournalCommits.Read();
                await context.Response.WriteAsJsonAsync(new { transactions, rows });
                return true;
            case "/bench/heap":
                await context.Response.WriteAsJsonAsync(new
                {
                    heapBytes = GC.GetTotalMemory(false),
                    heapAfterLastGcBytes = GC.GetGCMemoryInfo().HeapSizeBytes,
                    allocatedBytes = GC.GetTotalAllocatedBytes(precise: true),
                    collections = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) },
                    pauseMs = GC.GetTotalPauseDuration().TotalMilliseconds,
                });
                return true;
            case "/bench/gc":
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                await context.Response.WriteAsJsonAsync(new { heapBytes = GC.GetTotalMemory(false), workingSet = Environment.WorkingSet });
                return true;
            default:
                context.Response.StatusCode = 404;
                return true;
        }
    }

    private async Task SetupAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var api = services.GetRequiredService<ApiContext>();
        _user = context.Request.Query["user"].ToString();
        _count = int.TryParse(context.Request.Query["count"], out var c) ? c : 100;

        var page = ApiContext.Unwrap(await api.Service.GetPageAsync(_user, PagePosition.Start, _count, ct));
        _pageDtos = await api.Renderer.RenderAsync(page.ConversationList, ct);
        _pageFinished = page.IsFinished;
        _pageCursor = api.Cursors.Encode(_user, page.Next);
        _pageBytes = JsonSerializer.SerializeToUtf8Bytes(
            new Envelope(0, string.Empty, new { conversationList = _pageDtos, isFinished = _pageFinished, nextSeq = _pageCursor }), _json);

        var all = ApiContext.Unwrap(await api.Service.GetPageAsync(_user, PagePosition.Start, int.MaxValue, ct));
        var dtos = await api.Renderer.RenderAsync(all.ConversationList, ct);
        _allDtos = dtos;
        _allCursor = api.Cursors.Encode(_user, all.Next);
        var docs = dtos.Select(d => (Dto: d, Json: JsonSerializer.Serialize(d, _json))).ToArray();

        if (context.Request.Query["redis"] is { Count: > 0 } redisAddress)
        {
            var mux = await ConnectionMultiplexer.ConnectAsync(redisAddress.ToString());
            _redis = mux.GetDatabase();
            var key = RedisOrderKey(_user);
            await _redis.KeyDeleteAsync(key);
            var batch = new List<Task>();
            foreach (var (dto, doc) in docs)
            {
                using var parsed = JsonDocument.Parse(doc);
                var fields = parsed.RootElement.EnumerateObject().Select(p => new HashEntry(p.Name, p.Value.GetRawText())).ToArray();
                var hashKey = RedisHashKey(_user, dto.View.ConversationID);
                batch.Add(_redis.KeyDeleteAsync(hashKey));
                batch.Add(_redis.HashSetAsync(hashKey, fields));
                batch.Add(_redis.SortedSetAddAsync(key, dto.View.ConversationID, dto.View.OrderKey));
            }

            await Task.WhenAll(batch);
        }

        if (context.Request.Query["pg"] is { Count: > 0 } pgConnection)
        {
            _postgres = NpgsqlDataSource.Create(pgConnection.ToString());
            await using var conn = await _postgres.OpenConnectionAsync(ct);
            await using (var ddl = conn.CreateCommand())
            {
                ddl.CommandText = """
                    CREATE TABLE IF NOT EXISTS bench_conversations (
                      user_id text NOT NULL, conversation_id text NOT NULL, order_key bigint NOT NULL, is_pinned boolean NOT NULL, doc text NOT NULL,
                      PRIMARY KEY (user_id, conversation_id));
                    CREATE INDEX IF NOT EXISTS bench_conversations_order ON bench_conversations (user_id, order_key DESC);
                    """;
                await ddl.ExecuteNonQueryAsync(ct);
            }

            await using (var delete = new NpgsqlCommand("DELETE FROM bench_conversations WHERE user_id = $1", conn))
            {
                delete.Parameters.AddWithValue(_user);
                await delete.ExecuteNonQueryAsync(ct);
            }

            await using var writer = await conn.BeginBinaryImportAsync("COPY bench_conversations (user_id, conversation_id, order_key, is_pinned, doc) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var (dto, doc) in docs)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(_user, ct);
                await writer.WriteAsync(dto.View.ConversationID, ct);
                await writer.WriteAsync(dto.View.OrderKey, ct);
                await writer.WriteAsync(dto.View.IsPinned, ct);
                await writer.WriteAsync(doc, ct);
            }

            await writer.CompleteAsync(ct);
            await writer.CloseAsync(ct);
            await using var analyze = new NpgsqlCommand("ANALYZE bench_conversations", conn);
            await analyze.ExecuteNonQueryAsync(ct);
        }

        await context.Response.WriteAsJsonAsync(new { pageBytes = _pageBytes.Length, conversations = docs.Length, page = _pageDtos.Count }, ct);
    }

    private async Task RedisPageAsync(HttpContext context)
    {
        var db = _redis ?? throw new InvalidOperationException("redis not set up");
        var ids = await db.SortedSetRangeByRankAsync(RedisOrderKey(_user), 0, _count - 1, Order.Descending);
        var hashes = await Task.WhenAll(ids.Select(id => db.HashGetAllAsync(RedisHashKey(_user, id.ToString()))));
        await WritePageAsync(context, ids.Length, (writer, i) =>
        {
            writer.WriteStartObject();
            foreach (var field in hashes[i])
            {
                writer.WritePropertyName(field.Name.ToString());
                writer.WriteRawValue((byte[])field.Value!, skipInputValidation: true);
            }

            writer.WriteEndObject();
            return hashes[i].FirstOrDefault(f => f.Name == "orderKey").Value is { IsNull: false } key ? (long)key : 0;
        });
    }

    private async Task PostgresPageAsync(HttpContext context)
    {
        var source = _postgres ?? throw new InvalidOperationException("postgres not set up");
        await using var command = source.CreateCommand("SELECT doc, order_key, is_pinned FROM bench_conversations WHERE user_id = $1 ORDER BY order_key DESC LIMIT $2");
        command.Parameters.AddWithValue(_user);
        command.Parameters.AddWithValue(_count);
        var docs = new List<(string Doc, long OrderKey)>(_count);
        await using (var reader = await command.ExecuteReaderAsync(context.RequestAborted))
        {
            while (await reader.ReadAsync(context.RequestAborted))
            {
                docs.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        await WritePageAsync(context, docs.Count, (writer, i) =>
        {
            writer.WriteRawValue(docs[i].Doc, skipInputValidation: true);
            return docs[i].OrderKey;
        });
    }

    /// <summary>The envelope around <paramref name="count"/> conversations, with a signed cursor after the last, as the API answers.</summary>
    private async Task WritePageAsync(HttpContext context, int count, Func<Utf8JsonWriter, int, long> writeItem)
    {
        var api = services.GetRequiredService<ApiContext>();
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("code", 0);
            writer.WriteString("desc", string.Empty);
            writer.WriteStartObject("data");
            writer.WriteStartArray("conversationList");
            long lastKey = 0;
            for (var i = 0; i < count; i++)
            {
                lastKey = writeItem(writer, i);
            }

            writer.WriteEndArray();
            var finished = count < _count;
            writer.WriteBoolean("isFinished", finished);
            writer.WriteString("nextSeq", api.Cursors.Encode(_user, finished ? PagePosition.End : PagePosition.After(false, lastKey)));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }

    private static string RedisOrderKey(string user) => $"bench:{user}:order";

    private static string RedisHashKey(string user, string conversationID) => $"bench:{user}:c:{conversationID}";
}
