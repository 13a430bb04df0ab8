using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Maatwerk.OpenData.Benchmarks.Load;

/// <summary>
/// The expensive-query attack: 16 connections send the most expensive query the limits allow, each with
/// another search text so that no cache can answer it, while one connection asks <c>/v1/phases</c> at a
/// fixed rate. Measures the cheap request's latency before and during the attack, what became of the
/// expensive requests (status, over the budget), and the server's CPU time in the seconds after the
/// attackers left (work that goes on for nobody).
/// </summary>
internal static class AttackScenario
{
    /// <summary>
    /// Two any() lambdas nested (the most <see cref="Maatwerk.OpenData.Api.OData.QueryLimits.MaxAnyAllDepth"/>
    /// allows), each through a relationship and back (status change, its company's reductions, their company's
    /// status changes), with an unanchored contains on long text that never matches, so every combination is
    /// read, and $count=true, so the whole table is counted rather than one page: the work grows with status
    /// changes times reductions times status changes per company. Of the shapes the limits allow, this was the
    /// slowest when timed one by one at small scale. {0} is the search text.
    /// </summary>
    public const string DefaultQuery = "/v1/status-changes?$filter=company/agreedReductions/any(r: contains(r/measure,'{0}') or r/company/statusChanges/any(t: contains(t/description,'{0}')))&$count=true";

    public const string CheapPath = "/v1/phases";

    public static async Task<AttackResult> RunAsync(ApiServer server, LoadOptions options, CancellationToken cancellationToken)
    {
        const int Attackers = 16;
        var interval = TimeSpan.FromMilliseconds(50);
        using var cheap = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
        using var expensive = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Attackers }) { BaseAddress = server.Address, Timeout = Timeout.InfiniteTimeSpan };

        var alone = Stopwatch.StartNew();
        var aloneStatus = await SendAsync(expensive, Query(options, 0), TimeSpan.FromMinutes(1), cancellationToken);
        var aloneMilliseconds = alone.Elapsed.TotalMilliseconds;
        Console.WriteLine($"attack: one expensive request alone answered {aloneStatus} in {aloneMilliseconds:N0} ms");

        var idle = await PaceAsync(cheap, interval, TimeSpan.FromSeconds(5), cancellationToken);

        using var attack = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var outcomes = new List<(int Status, double Seconds)>();
        var counter = 0;
        var cpuBefore = ProcessStats.CpuSeconds(server.MainProcessId);
        var attackers = Enumerable.Range(0, Attackers).Select(_ => Task.Run(async () =>
        {
            while (!attack.IsCancellationRequested)
            {
                var clock = Stopwatch.StartNew();
                var status = await SendAsync(expensive, Query(options, Interlocked.Increment(ref counter)), Timeout.InfiniteTimeSpan, attack.Token);

                lock (outcomes)
                {
                    outcomes.Add((status, clock.Elapsed.TotalSeconds));
                }
            }
        }, CancellationToken.None)).ToList();

        var underAttack = await PaceAsync(cheap, interval, options.AttackDuration, cancellationToken);
        await attack.CancelAsync();
        await Task.WhenAll(attackers);
        var cpuDuring = ProcessStats.CpuSeconds(server.MainProcessId) - cpuBefore;

        var after = TimeSpan.FromSeconds(5);
        var cpuLeft = ProcessStats.CpuSeconds(server.MainProcessId);
        await Task.Delay(after, cancellationToken);
        cpuLeft = ProcessStats.CpuSeconds(server.MainProcessId) - cpuLeft;

        var budget = options.AttackBudgetMilliseconds / 1000.0;
        return new AttackResult(
            Query: Query(options, 1),
            AloneStatus: aloneStatus,
            AloneMilliseconds: aloneMilliseconds,
            Attackers: Attackers,
            Duration: options.AttackDuration,
            BudgetMilliseconds: options.AttackBudgetMilliseconds,
            CheapIdle: idle,
            CheapUnderAttack: underAttack,
            Statuses: outcomes.GroupBy(o => o.Status).ToDictionary(g => g.Key, g => g.Count()),
            OverBudget: outcomes.Count(o => o.Seconds > budget),
            MarginMilliseconds: options.AttackMarginMilliseconds,
            OverMargin: outcomes.Count(o => o.Seconds > budget + (options.AttackMarginMilliseconds / 1000.0)),
            OverBudgetStatuses: outcomes.Where(o => o.Seconds > budget).GroupBy(o => o.Status).ToDictionary(g => g.Key, g => g.Count()),
            LongestSeconds: outcomes.Count > 0 ? outcomes.Max(o => o.Seconds) : 0,
            CpuSecondsDuring: cpuDuring,
            CpuSecondsAfter: cpuLeft,
            After: after);
    }

    // The status of one GET, its body read; 0 when it was still running at the timeout or cancellation
    // (the client left), -1 when the connection failed.
    private static async Task<int> SendAsync(HttpClient client, string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await client.GetAsync(new Uri(Wrk.Encode(path), UriKind.Relative), deadline.Token);
            await response.Content.ReadAsByteArrayAsync(deadline.Token);
            return (int)response.StatusCode;
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
        catch (HttpRequestException)
        {
            return -1;
        }
    }

    private static string Query(LoadOptions options, int n) =>
        string.Format(CultureInfo.InvariantCulture, options.AttackQuery, $"zq{n:D6}x");

    // One request at a time, one every interval (or right after a slower one), for the given time.
    private static async Task<Latencies> PaceAsync(HttpClient client, TimeSpan interval, TimeSpan duration, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        var failed = 0;
        var total = Stopwatch.StartNew();
        while (total.Elapsed < duration)
        {
            var clock = Stopwatch.StartNew();
            failed += await SendAsync(client, CheapPath, client.Timeout, cancellationToken) == (int)HttpStatusCode.OK ? 0 : 1;

            times.Add(clock.Elapsed.TotalMilliseconds);
            if (interval - clock.Elapsed is { Ticks: > 0 } rest)
            {
                await Task.Delay(rest, cancellationToken);
            }
        }

        times.Sort();
        return new Latencies(times.Count, failed, Percentile(times, 0.50), Percentile(times, 0.99), times.Count > 0 ? times[^1] : double.NaN);
    }

    private static double Percentile(List<double> sorted, double fraction) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];
}

/// <summary>Latencies of the cheap request, in milliseconds; <paramref name="Failed"/> counts answers other than 200.</summary>
internal sealed record Latencies(int Count, int Failed, double P50, double P99, double Max);

/// <summary>What the attack did (see <see cref="AttackScenario"/>); status 0 counts requests still running when the attackers left, -1 failed connections.</summary>
internal sealed record AttackResult(
    string Query,
    int AloneStatus,
    double AloneMilliseconds,
    int Attackers,
    TimeSpan Duration,
    int BudgetMilliseconds,
    Latencies CheapIdle,
    Latencies CheapUnderAttack,
    IReadOnlyDictionary<int, int> Statuses,
    int OverBudget,
    int MarginMilliseconds,
    int OverMargin,
    IReadOnlyDictionary<int, int> OverBudgetStatuses,
    double LongestSeconds,
    double CpuSecondsDuring,
    double CpuSecondsAfter,
    TimeSpan After);
