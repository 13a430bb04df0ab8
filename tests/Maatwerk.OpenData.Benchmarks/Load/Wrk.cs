using System.Globalization;
using System.Text;

namespace Maatwerk.OpenData.Benchmarks.Load;

/// <summary>
/// One measurement: wrk (Debian's package) sends one request over and over on a fixed number of keep-alive
/// connections for a fixed time, after an unmeasured warm-up; the server's CPU time is read from /proc just
/// before and after, and its peak memory over the measured time.
/// </summary>
internal static class Wrk
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Load", "report.lua");

    public static async Task<Measurement> MeasureAsync(ILoadTarget target, string path, TimeSpan duration, LoadOptions options, long idleResidentBytes, CancellationToken cancellationToken)
    {
        var url = target.Address.AbsoluteUri.TrimEnd('/') + Encode(path);
        await RunAsync(url, options.WarmUp, options, cancellationToken);
        await ProcessStats.WaitUntilIdleAsync(target.ProcessIds, cancellationToken);

        ProcessStats.ResetPeak(target.MainProcessId);
        var cpuBefore = ProcessStats.CpuSeconds(target.ProcessIds);
        var result = await RunAsync(url, duration, options, cancellationToken);
        var cpu = ProcessStats.CpuSeconds(target.ProcessIds) - cpuBefore;
        var peak = ProcessStats.PeakResidentBytes(target.MainProcessId);

        return new Measurement(
            Requests: result["requests"],
            Seconds: result["duration_us"] / 1e6,
            BytesPerResponse: result["requests"] > 0 ? result["bytes"] / result["requests"] : 0,
            Failed: result["status"] + result["timeout"] + result["connect"] + result["read"] + result["write"],
            P50Milliseconds: result["p50_us"] / 1e3,
            P99Milliseconds: result["p99_us"] / 1e3,
            CpuSeconds: cpu,
            PeakResidentBytes: peak,
            IdleResidentBytes: idleResidentBytes);
    }

    /// <summary>
    /// Sends every path in turn for the warm-up time, unmeasured: a server just started runs its code
    /// unoptimised until the runtime has recompiled it (tiered compilation), which under full load takes
    /// longer than one entry's warm-up, so the first entries measured would carry the cost of start-up.
    /// </summary>
    public static async Task WarmUpAsync(ILoadTarget target, IEnumerable<string> paths, LoadOptions options, CancellationToken cancellationToken)
    {
        foreach (var path in paths)
        {
            await RunAsync(target.Address.AbsoluteUri.TrimEnd('/') + Encode(path), options.WarmUp, options, cancellationToken);
        }
    }

    /// <summary>The wrk version line, for the machine description.</summary>
    public static string Version()
    {
        var (_, output, error) = Shell.Run("wrk", ["-v"]);
        return (output + error).Split('\n')[0].Split(" Copyright")[0].Trim();
    }

    /// <summary>
    /// The path as a request line may carry it: the query's spaces, quotes and other characters a URL may
    /// not hold are percent-encoded, as a browser sends them; what is already encoded stays.
    /// </summary>
    public static string Encode(string path)
    {
        var encoded = new StringBuilder(path.Length);
        foreach (var b in Encoding.UTF8.GetBytes(path))
        {
            var c = (char)b;
            if (b is > 0x20 and < 0x7F && c is not ('"' or '\'' or '<' or '>' or '\\' or '^' or '`' or '{' or '|' or '}' or '#'))
            {
                encoded.Append(c);
            }
            else
            {
                encoded.Append(CultureInfo.InvariantCulture, $"%{b:X2}");
            }
        }

        return encoded.ToString();
    }

    private static async Task<Dictionary<string, long>> RunAsync(string url, TimeSpan duration, LoadOptions options, CancellationToken cancellationToken)
    {
        var threads = Math.Min(options.Connections, Environment.ProcessorCount);
        string[] arguments =
        [
            "-t", threads.ToString(CultureInfo.InvariantCulture),
            "-c", options.Connections.ToString(CultureInfo.InvariantCulture),
            "-d", $"{Math.Max(1, (int)Math.Round(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture)}s",
            "--timeout", $"{options.MixBudgetMilliseconds / 1000 + 10}s",
            "-s", Script,
            url,
        ];
        var output = await Shell.RunCheckedAsync("wrk", arguments, null, cancellationToken);
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("wrk-result ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no result line for {url}:\n{output}");
        return line["wrk-result ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .ToDictionary(pair => pair[0], pair => long.Parse(pair[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }
}

/// <summary>What one server did for one request of the mix over the measured time.</summary>
/// <param name="Requests">Completed responses.</param>
/// <param name="Seconds">The measured time.</param>
/// <param name="BytesPerResponse">Bytes read per response, headers included.</param>
/// <param name="Failed">Responses other than 2xx/3xx, timeouts and socket errors.</param>
/// <param name="CpuSeconds">The server's user plus system CPU time over the measured time.</param>
internal sealed record Measurement(long Requests, double Seconds, long BytesPerResponse, long Failed, double P50Milliseconds, double P99Milliseconds, double CpuSeconds, long PeakResidentBytes, long IdleResidentBytes)
{
    public double RequestsPerSecond => Requests / Seconds;

    /// <summary>Server CPU time per completed response, in milliseconds.</summary>
    public double CpuMillisecondsPerRequest => Requests > 0 ? CpuSeconds * 1000 / Requests : double.NaN;

    public double PeakMebibytes => PeakResidentBytes / 1024.0 / 1024.0;

    public double AboveIdleMebibytes => (PeakResidentBytes - IdleResidentBytes) / 1024.0 / 1024.0;
}
