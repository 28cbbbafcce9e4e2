using System.Diagnostics;
using System.Text.Json;
using ConversationActors.Bench.Micro;
using ConversationActors.Bench.Report;
using Npgsql;

namespace ConversationActors.Bench.Scenarios;

/// <summary>`run`: every scenario in one run, then docs/benchmarks.md. A scenario that fails is reported as such; the others still run.</summary>
public static class Driver
{
    public static async Task<int> RunAsync(Options options)
    {
        var total = Stopwatch.StartNew();
        var results = new BenchResults { Smoke = options.Smoke, Machine = MachineInfo.Capture(), Sizes = options.Sizes };
        var sizes = options.Sizes;

        bool Wants(string group) => options.Only is null || options.Only.Contains(group);
        if (Wants("micro"))
        {
            results.Micro = await StepAsync(results, "micro-benchmarks", () => ChildAsync<List<MicroRunner.Row>>(options, "micro"));
        }

        if (Wants("recovery"))
        {
            results.Recovery = await StepAsync(results, "recovery", () => ChildAsync<Recovery.Result>(options, "recovery"));
        }

        if (Wants("memory"))
        {
            results.Memory = await StepAsync(results, "memory", () => ChildAsync<Memory.Result>(options, "memory"));
        }

        // Issue 27 (6): with --before REV, that revision's own server runs the write shapes right after this build's, on each store.
        BeforeBuild? before = null;
        if (options.Before is { } revision && (Wants("sqlite") || Wants("postgres")))
        {
            before = await StepAsync(results, $"build of revision {revision} (before)", () => BeforeBuild.PrepareAsync(options, revision));
            results.Before = before?.Revision;
        }

        // SQLite: the write shapes on the configured store, the raw INSERT ceiling on the same file, then page reads with
        // every baseline; then the write shapes on the --before revision's server, and again on the store as configured
        // before issue #13 (the before rows).
        var sqliteFile = Path.Combine(options.WorkDir, "gateway-sqlite.db");
        var sqliteRuns = WithBefore(SqliteVariants.Select(v => (v.Name, v.ConnectionSuffix, v.Hocon, Build: (BeforeBuild?)null)), before, b => (b.ServerName("sqlite"), string.Empty, null, b));
        foreach (var (name, connectionSuffix, hocon, build) in sqliteRuns.Where(_ => Wants("sqlite")))
        {
            var primary = name == "sqlite";
            await StepAsync(results, $"SQLite server ({name})", async () =>
            {
                DeleteSqlite(sqliteFile);
                var env = new Dictionary<string, string>
                {
                    ["CONVERSATION_ACTORS_STORE"] = "sqlite",
                    ["CONVERSATION_ACTORS_SQLITE_CONNECTION"] = $"Data Source={sqliteFile}{connectionSuffix}",
                };
                if (hocon is not null)
                {
                    env["ConversationActors__Hocon"] = hocon;
                }

                await using var server = await ServerProcess.StartAsync(options, name, env, build);
                await WriteShapesAsync(results, options, server, name, primary);
                if (primary)
                {
                    results.RawInsert["sqlite"] = await StepAsync(results, "raw insert sqlite", () =>
                        RawInsert.RunAsync(false, $"Data Source={sqliteFile}", sizes.RawSingleRows, sizes.RawBatchedRows, sizes.Reps));
                    results.Pages = await StepAsync(results, "page reads", () => HttpScenarios.PageReadsAsync(server.BaseAddress, sizes, options));
                    results.PageCurve = await StepAsync(results, "page by list size", () => HttpScenarios.PageCurveAsync(server.BaseAddress, sizes));
                    foreach (var users in new[] { 100, 10 * sizes.IngestUsers }.Distinct())
                    {
                        results.IngestCurve[users] = await StepAsync(results, $"ingest over {users} users", () =>
                            HttpScenarios.IngestAsync(server, sizes, $"{name}-curve{users}", users));
                    }
                }

                return true;
            });
        }

        // `--only pages`: the page reads alone on a fresh SQLite server (to try a change to the read path in two minutes).
        if (options.Only is { } only && only.Contains("pages") && !only.Contains("sqlite"))
        {
            await StepAsync(results, "SQLite server (pages)", async () =>
            {
                DeleteSqlite(sqliteFile);
                await using var server = await ServerProcess.StartAsync(options, "sqlite-pages", new Dictionary<string, string>
                {
                    ["CONVERSATION_ACTORS_STORE"] = "sqlite",
                    ["CONVERSATION_ACTORS_SQLITE_CONNECTION"] = $"Data Source={sqliteFile}",
                });
                results.Pages = await StepAsync(results, "page reads", () => HttpScenarios.PageReadsAsync(server.BaseAddress, sizes, options));
                return true;
            });
        }

        // PostgreSQL: the same shapes on a fresh journal per variant (journal writers 3 = the configured default, the
        // --before revision's server, 1, 2), and the raw INSERT ceiling.
        var postgresRuns = WithBefore(PostgresVariants.Select(v => (v.Name, v.Hocon, Build: (BeforeBuild?)null)), before, b => (b.ServerName("postgres"), null, b));
        foreach (var (name, hocon, build) in postgresRuns.Where(_ => Wants("postgres")))
        {
            var primary = name == "postgres";
            await StepAsync(results, $"PostgreSQL server ({name})", async () =>
            {
                await ResetPostgresAsync(options.PostgresConnection);
                await using var server = await ServerProcess.StartAsync(options, name, PostgresEnvironment(options, hocon), build);
                await WriteShapesAsync(results, options, server, name, primary);
                if (primary)
                {
                    results.RawInsert["postgres"] = await StepAsync(results, "raw insert postgres", () =>
                        RawInsert.RunAsync(true, options.PostgresConnection, sizes.RawSingleRows, sizes.RawBatchedRows, sizes.Reps));
                }

                return true;
            });
        }

        // Issue #15: costs that grew with a user's history (change feed, time travel), by journal length.
        await StepAsync(results, "history (change feed, time travel)", async () =>
        {
            if (!Wants("history"))
            {
                return false;
            }

            results.HistorySeed = await ChildAsync<HistorySeed.Result>(options, "history");
            await using var server = await ServerProcess.StartAsync(options, "history", new Dictionary<string, string>
            {
                ["CONVERSATION_ACTORS_STORE"] = "sqlite",
                ["CONVERSATION_ACTORS_SQLITE_CONNECTION"] = $"Data Source={Path.Combine(options.WorkDir, "history.db")}",
            });
            results.History = await HistoryScenarios.RunAsync(server.BaseAddress, results.HistorySeed, options.Smoke);
            return true;
        });
        if (Wants("history"))
        {
            results.Retention = await StepAsync(results, "journal over 180 simulated days", () => ChildAsync<RetentionSimulation.Result>(options, "retention"));
        }

        // Issue #14 (6): the soak, last but for the outages: a long run over a million distinct users through passivation.
        await StepAsync(results, "soak", async () =>
        {
            if (!Wants("soak"))
            {
                return false;
            }

            var soakFile = Path.Combine(options.WorkDir, "soak.db");
            DeleteSqlite(soakFile);
            await using var server = await ServerProcess.StartAsync(options, "soak", new Dictionary<string, string>
            {
                ["CONVERSATION_ACTORS_STORE"] = "sqlite",
                ["CONVERSATION_ACTORS_SQLITE_CONNECTION"] = $"Data Source={soakFile}",
                ["CONVERSATION_ACTORS_PASSIVATE_AFTER"] = "30s",
            });
            results.Soak = await Soak.RunAsync(server.BaseAddress, server.Pid, options.SoakDuration, options.Smoke ? 5_000 : Soak.Target);
            return true;
        });

        // Issue 26: the torture suite's workload and checks for minutes instead of the tests' seconds.
        await StepAsync(results, "torture", async () =>
        {
            if (!Wants("torture"))
            {
                return false;
            }

            results.Torture = await Torture.RunAsync(options, options.TortureDuration);
            return results.Torture.Passed
                ? true
                : throw new InvalidOperationException($"{results.Torture.Violations.Count} violations (seed {results.Torture.Seed}): {results.Torture.Violations[0].Describe()}");
        });

        // Issue #19: the store goes away for a while under write load and comes back; how long until every user is served.
        await StepAsync(results, "store outage postgres", async () =>
        {
            if (!Wants("outage"))
            {
                return false;
            }

            await ResetPostgresAsync(options.PostgresConnection);
            await using var server = await ServerProcess.StartAsync(options, "postgres-outage", PostgresEnvironment(options, null));
            results.Outages.Add(await StoreOutage.RunAsync(server.BaseAddress, sizes, "postgres", "PostgreSQL stopped (fast shutdown) and started",
                () => StoreOutage.StopPostgresAsync(options), () => StoreOutage.StartPostgresAsync(options)));
            return true;
        });
        if (Wants("outage") && TmpfsDisk.CanMount)
        {
            await StepAsync(results, "store outage sqlite", async () =>
            {
                using var disk = TmpfsDisk.Mount(megabytes: 64);
                await using var server = await ServerProcess.StartAsync(options, "sqlite-outage", new Dictionary<string, string>
                {
                    ["CONVERSATION_ACTORS_STORE"] = "sqlite",
                    ["CONVERSATION_ACTORS_SQLITE_CONNECTION"] = $"Data Source={Path.Combine(disk.Path, "conversations.db")}",
                });
                results.Outages.Add(await StoreOutage.RunAsync(server.BaseAddress, sizes, "sqlite", "the SQLite file's disk full (tmpfs filled), then freed",
                    () => Task.Run(disk.Fill), () => Task.Run(disk.Free)));
                return true;
            });
        }
        else if (Wants("outage"))
        {
            results.Notes.Add("SQLite store outage not measured: mounting the small tmpfs for the full disk needs root.");
        }

        results.Machine.LoadAverageEnd = MachineInfo.LoadAverage();
        results.Charts = await StepAsync(results, "charts", () => Task.FromResult(Charts.WriteAll(results, Charts.FolderFor(options.Report).Directory))) ?? [];
        results.TotalSeconds = total.Elapsed.TotalSeconds;
        await File.WriteAllTextAsync(Path.Combine(options.WorkDir, "results.json"), JsonSerializer.Serialize(results, BenchMain.Json));
        Directory.CreateDirectory(Path.GetDirectoryName(options.Report)!);
        await File.WriteAllTextAsync(options.Report, MarkdownReport.Render(results, options));
        Console.WriteLine($"bench: wrote {options.Report} in {total.Elapsed.TotalSeconds:N0} s; {results.Failures.Count} step(s) failed");
        foreach (var failure in results.Failures)
        {
            Console.WriteLine($"bench: FAILED {failure}");
        }

        return results.Failures.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// The SQLite servers: the configured store, then the store as configured before issue #13 (shared cache, and reads
    /// in BEGIN IMMEDIATE transactions): the before row of the SQLite write path.
    /// </summary>
    public static readonly (string Name, string ConnectionSuffix, string? Hocon)[] SqliteVariants =
    [
        ("sqlite", string.Empty, null),
        ("sqlite-before", ";Cache=Shared",
            "conversation-actors.sqlite.batch-across-entities = 0\nakka.persistence.journal.sql.read-isolation-level = unspecified\n"
            + "akka.persistence.snapshot-store.sql.read-isolation-level = unspecified"),
        ("sqlite-no-cross-entity-batching", string.Empty, "conversation-actors.sqlite.batch-across-entities = 0"),
    ];

    /// <summary>
    /// The PostgreSQL servers to run: the configured store. Issue #13's sweep of the plugin's writer count (1, 2, 3) ended
    /// with issue 27: one <c>SqlJournalWriter</c> per node writes on both stores, and the plugin's <c>parallelism</c> is unused.
    /// </summary>
    public static readonly (string Name, string? Hocon)[] PostgresVariants =
    [
        ("postgres", null),
    ];

    /// <summary>The variants with <paramref name="before"/>'s run second, right after the configured store's, when there is one.</summary>
    private static IEnumerable<T> WithBefore<T>(IEnumerable<T> variants, BeforeBuild? before, Func<BeforeBuild, T> variant)
    {
        var list = variants.ToList();
        if (before is not null)
        {
            list.Insert(1, variant(before));
        }

        return list;
    }

    /// <summary>
    /// Issue #13's load shapes on one server: spread, hot and fan-out (with events per journal transaction and, issue 27,
    /// the server's CPU time per message); on the configured store also the same POSTs to the trivial endpoint (issue 27's
    /// ceiling), spread ingest at half its peak and the mixed read/write load.
    /// </summary>
    private static async Task WriteShapesAsync(BenchResults results, Options options, ServerProcess server, string name, bool primary)
    {
        var sizes = options.Sizes;
        var spread = results.Ingest[name] = await StepAsync(results, $"ingest {name}", () => HttpScenarios.IngestAsync(server, sizes, name));
        results.Ingest[name + "-hot"] = await StepAsync(results, $"ingest {name}-hot", () =>
            HttpScenarios.IngestAsync(server, sizes, name + "-hot", HttpScenarios.HotUsers));
        results.FanOut[name] = await StepAsync(results, $"fan-out {name}", () => WriteShapes.FanOutAsync(server, sizes, name));
        if (!primary)
        {
            return;
        }

        results.IngestCeiling[name] = await StepAsync(results, $"same POSTs to a trivial endpoint {name}", () => HttpScenarios.IngestCeilingAsync(server, sizes, name));

        if (spread is not null)
        {
            results.HalfRateIngest[name] = await StepAsync(results, $"ingest {name} at half its peak", () =>
                HttpScenarios.IngestAtRateAsync(server.BaseAddress, sizes, name, spread.RequestsPerSecond / 2));
        }

        results.Mixed[name] = await StepAsync(results, $"mixed {name}", () => WriteShapes.MixedAsync(server.BaseAddress, sizes, name));
    }

    private static Dictionary<string, string> PostgresEnvironment(Options options, string? hocon)
    {
        var env = new Dictionary<string, string>
        {
            ["CONVERSATION_ACTORS_STORE"] = "postgres",
            ["CONVERSATION_ACTORS_POSTGRES_CONNECTION"] = options.PostgresConnection,
        };
        if (hocon is not null)
        {
            env["ConversationActors__Hocon"] = hocon;
        }

        return env;
    }

    private static async Task<T?> StepAsync<T>(BenchResults results, string name, Func<Task<T>> step)
    {
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"bench: {name} ...");
        try
        {
            var value = await step();
            Console.WriteLine($"bench: {name} done in {clock.Elapsed.TotalSeconds:N1} s");
            results.StepSeconds[name] = clock.Elapsed.TotalSeconds;
            return value;
        }
        catch (Exception e)
        {
            Console.WriteLine($"bench: {name} failed: {e}");
            results.Failures.Add($"{name}: {e.GetType().Name}: {e.Message}");
            return default;
        }
    }

    /// <summary>Runs this program in a child mode and reads the JSON it writes.</summary>
    private static async Task<T> ChildAsync<T>(Options options, string mode)
    {
        var output = Path.Combine(options.WorkDir, $"{mode}.json");
        File.Delete(output);
        var args = new List<string> { mode, "--out", output, "--work", options.WorkDir, "--config-dir", options.ConfigDir };
        if (options.Smoke)
        {
            args.Add("--smoke");
        }

        var info = ServerProcess.SelfStartInfo([.. args]);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.Environment["CONVERSATION_ACTORS_LOG_LEVEL"] = "WARNING";
        if (mode == "memory")
        {
            // Workstation GC: the heap is measured after full collections either way; this keeps the peak footprint low.
            info.Environment["DOTNET_gcServer"] = "0";
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {mode}");
        await using var log = new StreamWriter(Path.Combine(options.WorkDir, $"{mode}.log"));
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await log.WriteAsync(await stdout);
        await log.WriteAsync(await stderr);
        if (process.ExitCode != 0 || !File.Exists(output))
        {
            throw new InvalidOperationException($"{mode} exited with {process.ExitCode}; see {mode}.log: {Tail(await stderr)}");
        }

        return JsonSerializer.Deserialize<T>(await File.ReadAllTextAsync(output), BenchMain.Json)
            ?? throw new InvalidOperationException($"{mode} wrote no result");
    }

    private static async Task ResetPostgresAsync(string connectionString)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var command = source.CreateCommand("DROP TABLE IF EXISTS journal, snapshot, tags, bench_raw_journal CASCADE");
        await command.ExecuteNonQueryAsync();
    }

    private static void DeleteSqlite(string file)
    {
        foreach (var f in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(f);
        }
    }

    private static string Tail(string text) => text.Length <= 1500 ? text : text[^1500..];
}
