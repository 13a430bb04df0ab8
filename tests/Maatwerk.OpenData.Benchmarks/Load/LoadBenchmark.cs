using System.Diagnostics;
using System.Globalization;

namespace Maatwerk.OpenData.Benchmarks.Load;

/// <summary>
/// The load benchmark against the machine's ceiling (issue 11): the published API as its own process,
/// uncached, cached and as built from a baseline commit, nginx serving the same bytes as static files, and a
/// bare ASP.NET Core app serving them from its output cache (<see cref="OutputCacheServer"/>), each loaded
/// with wrk for the fixed <see cref="Mix"/> at real size and at scale, side by side in one run (the cached
/// API, nginx and the bare app run at once and are measured in turn, entry by entry); then the
/// expensive-query attack (<see cref="AttackScenario"/>). Prints the tables and the acceptance
/// figures and writes them as Markdown (<c>results.md</c>) to the output folder, with the servers' logs.
/// </summary>
/// <remarks>
/// <c>tests/Maatwerk.OpenData.Benchmarks/load-benchmark.sh [options]</c>, which installs wrk and nginx
/// when missing and runs <c>dotnet run -c Release --project tests/Maatwerk.OpenData.Benchmarks -- load [options]</c>.
/// Options: <c>--scale full|small</c>, <c>--duration 5s</c>, <c>--warmup 2s</c>, <c>--connections 32</c>,
/// <c>--slow-duration 15s</c>, <c>--rounds 3</c>, <c>--baseline 76ac1b4|none</c>, <c>--sizes real,scale</c>, <c>--no-attack</c>, <c>--only-attack</c>, <c>--attack-duration 20s</c>,
/// <c>--attack-budget-ms 2000</c>, <c>--attack-margin-ms 250</c>, <c>--attack-query '/v1/...{0}...'</c>, <c>--output DIR</c>.
/// </remarks>
internal static class LoadBenchmark
{
    public static async Task RunAsync(IReadOnlyList<string> arguments)
    {
        var options = LoadOptions.Parse(arguments);
        var repository = Repository();
        foreach (var tool in new[] { "wrk", "nginx" })
        {
            if (Shell.Run("sh", ["-c", $"command -v {tool} || test -x /usr/sbin/{tool}"]).Exit != 0)
            {
                throw new InvalidOperationException($"{tool} is not installed: run tests/Maatwerk.OpenData.Benchmarks/load-benchmark.sh, which installs it with apt-get.");
            }
        }

        Directory.CreateDirectory(options.Output);
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"load benchmark: {options.Scale.Name} scale ({options.Scale.Describe()}), {options.Connections} connections, {options.WarmUp.TotalSeconds:F0} s warm-up + {options.Duration.TotalSeconds:F0} s per entry and server");
        Console.WriteLine($"results in {options.Output}; estimated time at most {Estimate(options).TotalMinutes:F0} min once the builds and the scale database are cached");

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        var cancellationToken = stop.Token;

        var api = await ApiBuilds.PublishCurrentAsync(repository, cancellationToken);
        var baseline = options.Baseline is { } commit && !options.OnlyAttack ? await ApiBuilds.PublishBaselineAsync(repository, commit, cancellationToken) : default;
        Console.WriteLine($"builds ready after {clock.Elapsed.TotalSeconds:F0} s");

        var rows = new List<ResultRow>();
        var notes = new List<string>();
        var cacheActive = true;
        string? scaleDatabase = options.OnlyAttack ? await BenchmarkDatabases.ScaleAsync(repository, options.Scale, cancellationToken) : null;
        foreach (var size in options.OnlyAttack ? [] : options.Sizes)
        {
            var database = size == "real" ? await BenchmarkDatabases.RealAsync(cancellationToken) : await BenchmarkDatabases.ScaleAsync(repository, options.Scale, cancellationToken);
            scaleDatabase = size == "scale" ? database : scaleDatabase;
            var run = new SizeRun(size, database, options, rows);

            IReadOnlyList<MixEntry> mix;
            var bodies = new List<(string Name, byte[] Body, string ContentType)>();
            using (var server = await run.StartAsync(LoadReport.Uncached, api, cached: false, cancellationToken))
            {
                using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };
                var deep = size == "scale" ? await MixFetch.WalkAsync(client, Mix.FirstPage, options.Scale.DeepPage, cancellationToken) : null;
                mix = Mix.For(size, deep, options.Scale.DeepPage);
                foreach (var entry in mix)
                {
                    var (body, contentType) = await MixFetch.BodyAsync(client, entry.Path, cancellationToken);
                    bodies.Add((entry.Key, body, contentType));
                }

                await run.MeasureAsync(server, mix, server.IdleResidentBytes, cancellationToken);
            }

            if (baseline.Folder is not null)
            {
                using var server = await run.StartAsync(LoadReport.Baseline, baseline.Folder, cached: false, cancellationToken);
                await run.MeasureAsync(server, await BaselineMixAsync(server, mix, options, cancellationToken), server.IdleResidentBytes, cancellationToken);
            }

            // The cached API, nginx and the bare app run at once and are measured in turn, entry by entry.
            var sideBySide = new List<SideBySide>();
            using var cached = cacheActive ? await run.StartAsync(LoadReport.Cached, api, cached: true, cancellationToken) : null;
            if (cached is not null && await AnswersFromCacheAsync(cached, mix[0].Path, cancellationToken))
            {
                sideBySide.Add(new SideBySide(cached, cached.IdleResidentBytes, entry => entry.Path));
            }
            else if (cached is not null)
            {
                cacheActive = false;
                notes.Add("Output caching is not in this build (a repeated request carried no Age header with OutputCache:Enabled=true): the API ran uncached only.");
                Console.WriteLine(notes[^1]);
            }

            using var nginx = await NginxServer.StartAsync(Path.Combine(options.Output, $"nginx-{size}"), bodies, cancellationToken);
            using var bare = await OutputCacheServer.StartAsync(Path.Combine(options.Output, $"bare-{size}"), api, bodies, cancellationToken);
            sideBySide.Add(new SideBySide(nginx, -1, ServedPath));
            sideBySide.Add(new SideBySide(bare, -1, ServedPath));
            await run.MeasureSideBySideAsync(sideBySide, mix, cancellationToken);
        }

        AttackResult? attack = null;
        if (options.Attack && scaleDatabase is not null)
        {
            using var server = await ApiServer.StartAsync("api, attacked", api, scaleDatabase, cacheActive, options.AttackBudgetMilliseconds, LogFile(options, "attack"), cancellationToken);
            attack = await AttackScenario.RunAsync(server, options, cancellationToken);
        }

        var head = (await Shell.RunCheckedAsync("git", ["describe", "--always", "--dirty"], repository, cancellationToken)).Trim();
        var runLine = string.Create(CultureInfo.InvariantCulture,
            $"commit {head}, baseline {baseline.Commit?[..12] ?? "none"}, scale {options.Scale.Describe()}, {options.Connections} connections, {Math.Min(options.Connections, Environment.ProcessorCount)} wrk threads, "
            + $"{options.WarmUp.TotalSeconds:F0} s warm-up + {options.Duration.TotalSeconds:F0} s per entry (the CSV export at scale {options.SlowDuration.TotalSeconds:F0} s), request budget {options.MixBudgetMilliseconds:N0} ms during the mix, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {clock.Elapsed.TotalMinutes:F1} min");
        var markdown = LoadReport.Markdown(rows, attack, Machine.Describe(), runLine, notes, options.Connections);
        var file = Path.Combine(options.Output, "results.md");
        await File.WriteAllTextAsync(file, markdown, cancellationToken);

        Console.WriteLine(LoadReport.Plain(rows));
        foreach (var note in LoadReport.Notes(rows, notes, options.Connections))
        {
            Console.WriteLine(note);
        }

        foreach (var line in LoadReport.AcceptanceLines(rows, attack))
        {
            Console.WriteLine($"- {line}");
        }

        Console.WriteLine($"\n{runLine}\nMarkdown for the README: {file}");
    }

    /// <summary>Whether the server answers a repeated GET of <paramref name="path"/> from its output cache, which marks such an answer with an <c>Age</c> header.</summary>
    internal static async Task<bool> AnswersFromCacheAsync(ILoadTarget server, string path, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = server.Address };
        var uri = new Uri(Wrk.Encode(path), UriKind.Relative);
        (await client.GetAsync(uri, cancellationToken)).Dispose();
        using var again = await client.GetAsync(uri, cancellationToken);
        return again.Headers.Age is not null;
    }

    // The baseline reads the same database; a deep page's token from another build may not be its own.
    private static async Task<IReadOnlyList<MixEntry>> BaselineMixAsync(ApiServer server, IReadOnlyList<MixEntry> mix, LoadOptions options, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };
        var result = new List<MixEntry>();
        foreach (var entry in mix)
        {
            try
            {
                await MixFetch.BodyAsync(client, entry.Path, cancellationToken);
                result.Add(entry);
            }
            catch (InvalidOperationException) when (entry.Key == "page-deep")
            {
                result.Add(entry with { Path = await MixFetch.WalkAsync(client, Mix.FirstPage, options.Scale.DeepPage, cancellationToken) });
            }
            catch (InvalidOperationException e)
            {
                Console.WriteLine($"baseline: {entry.Label} left out: {e.Message}");
            }
        }

        return result;
    }

    // Every entry on every server (uncached, cached, baseline, nginx, bare app), the further rounds of the
    // cached acceptance entries on the three measured side by side, plus start-ups, the deep-page walk and the attack.
    private static TimeSpan Estimate(LoadOptions options)
    {
        if (options.OnlyAttack)
        {
            return options.AttackDuration + TimeSpan.FromSeconds(75);
        }

        var entries = options.Sizes.Sum(size => Mix.For(size, size == "scale" ? "" : null, options.Scale.DeepPage).Count);
        var servers = options.Baseline is null ? 4 : 5;
        var perRun = options.WarmUp + options.WarmUp + options.Duration + TimeSpan.FromSeconds(1);
        var longer = options.Sizes.SelectMany(size => Mix.For(size, size == "scale" ? "" : null, options.Scale.DeepPage))
            .Count(e => e.Slow) * Math.Max(0, (options.SlowDuration - options.Duration).TotalSeconds);
        var overhead = TimeSpan.FromSeconds(options.Sizes.Count * servers * 5 + options.Scale.DeepPage / 250.0 + 60 + longer * servers);
        var rounds = options.Sizes.Count * (options.Rounds - 1) * LoadReport.CachedAcceptanceKeys.Count * 3 * (options.WarmUp + options.Duration + TimeSpan.FromSeconds(1));
        return (entries * servers * perRun) + rounds + overhead + (options.Attack ? options.AttackDuration + TimeSpan.FromSeconds(15) : TimeSpan.Zero);
    }

    private static string LogFile(LoadOptions options, string name) =>
        Path.Combine(options.Output, "logs", name.Replace(", ", "-", StringComparison.Ordinal) + ".log");

    // The repository root: the folder above this program that holds the solution.
    private static string Repository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Maatwerk.OpenData.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Run the load benchmark from a clone of the repository (dotnet run --project tests/Maatwerk.OpenData.Benchmarks -- load).");
    }

    /// <summary>Starts servers over one database and measures the mix on them, collecting the rows.</summary>
    private sealed class SizeRun(string size, string database, LoadOptions options, List<ResultRow> rows)
    {
        public Task<ApiServer> StartAsync(string name, string folder, bool cached, CancellationToken cancellationToken) =>
            ApiServer.StartAsync(name, folder, database, cached, options.MixBudgetMilliseconds, LogFile(options, $"{name}-{size}"), cancellationToken);

        /// <summary>Measures each entry on one server, after warming it with the whole mix.</summary>
        public async Task MeasureAsync(ILoadTarget server, IReadOnlyList<MixEntry> mix, long idleResidentBytes, CancellationToken cancellationToken)
        {
            await Wrk.WarmUpAsync(server, mix.Where(e => !e.Slow).Select(e => e.Path), options, cancellationToken);
            foreach (var entry in mix)
            {
                await MeasureAsync(new SideBySide(server, idleResidentBytes, e => e.Path), entry, round: 1, cancellationToken);
            }
        }

        /// <summary>
        /// Measures the mix on servers that run at once, entry by entry and the servers in turn, so that a
        /// ratio between two of them rests on measurements seconds apart, not minutes: this machine's speed
        /// moves from one minute to the next. The entries whose answers from cache are acceptance figures
        /// (<see cref="LoadReport.CachedAcceptanceKeys"/>) are measured in <see cref="LoadOptions.Rounds"/>
        /// rounds, the servers' order turned by one each round; every other entry once.
        /// </summary>
        public async Task MeasureSideBySideAsync(IReadOnlyList<SideBySide> servers, IReadOnlyList<MixEntry> mix, CancellationToken cancellationToken)
        {
            foreach (var server in servers)
            {
                await Wrk.WarmUpAsync(server.Target, mix.Where(e => !e.Slow).Select(server.PathOf), options, cancellationToken);
            }

            for (var round = 1; round <= options.Rounds; round++)
            {
                foreach (var entry in mix.Where(e => round == 1 || LoadReport.CachedAcceptanceKeys.Contains(e.Key)))
                {
                    for (var turn = 0; turn < servers.Count; turn++)
                    {
                        await MeasureAsync(servers[(turn + round - 1) % servers.Count], entry, round, cancellationToken);
                    }
                }
            }
        }

        private async Task MeasureAsync(SideBySide server, MixEntry entry, int round, CancellationToken cancellationToken)
        {
            var duration = entry.Slow && options.SlowDuration > options.Duration ? options.SlowDuration : options.Duration;
            var measurement = await Wrk.MeasureAsync(server.Target, server.PathOf(entry), duration, options, server.IdleResidentBytes, cancellationToken);
            rows.Add(new ResultRow(size, entry, server.Target.Name, measurement, round));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{size,-5} {server.Target.Name,-16} {entry.Label,-26} {(round > 1 ? $"round {round}" : ""),-7} {measurement.RequestsPerSecond,9:N0} req/s  p50 {measurement.P50Milliseconds,8:N2} ms  p99 {measurement.P99Milliseconds,8:N2} ms  CPU {measurement.CpuMillisecondsPerRequest,7:N3} ms/req  failed {measurement.Failed:N0}"));
        }
    }

    /// <summary>A server measured next to others: its memory at idle (-1: not reported) and the path at which it serves an entry.</summary>
    private sealed record SideBySide(ILoadTarget Target, long IdleResidentBytes, Func<MixEntry, string> PathOf);

    // nginx and the bare app serve each entry's body at /{entry key}.
    private static string ServedPath(MixEntry entry) => "/" + entry.Key;
}
