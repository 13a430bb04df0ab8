using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Maatwerk.OpenData.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Maatwerk.OpenData.Benchmarks;

/// <summary>
/// Deep paging over a generated table of status changes: the cost of page 1 and of page N reached by
/// following @odata.nextLink (keyset), next to the same page asked for with $skip (offset), measured
/// side by side in one run.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project tests/Maatwerk.OpenData.Benchmarks -- [rows] [page] [repetitions]</c>;
/// with <c>-- csv-export</c> the CSV export benchmark (<see cref="CsvExportBenchmark"/>) runs instead;
/// with <c>-- allocations</c> the allocation benchmark (<see cref="AllocationBenchmark"/>);
/// with <c>-- arrays</c> the statement time of stored arrays against a subquery per row (<see cref="ArrayStatementBenchmark"/>);
/// with <c>-- synthetic</c> only the database at the scale of 1,000,000 rows is generated; with
/// <c>-- load</c> the load benchmark against nginx (<see cref="Load.LoadBenchmark"/>), which starts this program with
/// <c>-- output-cache-server</c> as its bare ASP.NET Core reference (<see cref="Load.OutputCacheServer"/>).
/// </remarks>
internal static class DeepPagingBenchmark
{
    public static async Task Main()
    {
        if (Environment.GetCommandLineArgs().Skip(1).FirstOrDefault() == "csv-export")
        {
            await CsvExportBenchmark.RunAsync(Environment.GetCommandLineArgs().Skip(2).ToList());
            return;
        }

        if (Environment.GetCommandLineArgs().Skip(1).FirstOrDefault() == "allocations")
        {
            await AllocationBenchmark.RunAsync(Environment.GetCommandLineArgs().Skip(2).ToList());
            return;
        }

        if (Environment.GetCommandLineArgs().Skip(1).FirstOrDefault() == "arrays")
        {
            await ArrayStatementBenchmark.RunAsync(Environment.GetCommandLineArgs().Skip(2).ToList());
            return;
        }

        if (Environment.GetCommandLineArgs().Skip(1).FirstOrDefault() == "synthetic")
        {
            await GenerateAsync();
            return;
        }

        if (Environment.GetCommandLineArgs().Skip(1).FirstOrDefault() == "output-cache-server")
        {
            await Load.OutputCacheServer.ServeAsync(Environment.GetCommandLineArgs().Skip(2).ToList());
            return;
        }

        if (Environment.GetCommandLineArgs().Skip(1).FirstOrDefault() == "load")
        {
            await Load.LoadBenchmark.RunAsync(Environment.GetCommandLineArgs().Skip(2).ToList());
            return;
        }

        var rows = Argument(0, 1_000_000);
        var deepPage = Argument(1, 5_000);
        var repetitions = Argument(2, 30);
        const int PageSize = 100;

        var folder = Path.Combine(Path.GetTempPath(), "maatwerk-benchmark");
        var clock = Stopwatch.StartNew();
        var path = await SyntheticData.CreateAsync(Path.Combine(folder, "synthetic.db"), companies: 1_000, statusChanges: rows, agreedReductions: 0, CancellationToken.None);
        Console.WriteLine($"generated {rows:N0} status changes in {clock.Elapsed.TotalSeconds:F1} s ({path})");

        await using var api = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseEnvironment("Production")
            .UseSetting("Logging:LogLevel:Default", "Warning")
            .UseSetting("Database:SqlitePath", path)
            .UseSetting("Database:Initialize", "false")
            .UseSetting("Query:PageSize", PageSize.ToString(CultureInfo.InvariantCulture))
            // Walking 5,000 pages is far beyond the public per-minute limit.
            .UseSetting("RateLimit:PermitsPerMinute", "0"));
        var client = api.CreateClient();

        foreach (var (label, first) in new[]
        {
            ("default order (id)", "/v1/status-changes?$select=id,date,toPhaseId"),
            ("by company", "/v1/status-changes?$select=id,date,toPhaseId&$orderby=companyId"),
        })
        {
            clock.Restart();
            var deep = await WalkAsync(client, first, deepPage);
            Console.WriteLine($"\n{label}: walked to page {deepPage:N0} by next links in {clock.Elapsed.TotalSeconds:F1} s");

            var skip = first + $"&$skip={(deepPage - 1) * PageSize}&$top={PageSize}";
            var firstTime = await TimeAsync(client, first, repetitions);
            var deepTime = await TimeAsync(client, deep, repetitions);
            var skipTime = await TimeAsync(client, skip, repetitions);
            Console.WriteLine($"  page 1                      median {firstTime.Median,8:F2} ms   p90 {firstTime.P90,8:F2} ms");
            Console.WriteLine($"  page {deepPage,-6:N0} via nextLink     median {deepTime.Median,8:F2} ms   p90 {deepTime.P90,8:F2} ms   ratio to page 1: {deepTime.Median / firstTime.Median:F2}x");
            Console.WriteLine($"  page {deepPage,-6:N0} via $skip        median {skipTime.Median,8:F2} ms   p90 {skipTime.P90,8:F2} ms   ratio to page 1: {skipTime.Median / firstTime.Median:F2}x");
        }
    }

    // Builds the database at the scale (100,000 companies, 1,000,000 status changes, 500,000
    // reductions) and prints how long that took and where it is.
    static async Task GenerateAsync()
    {
        var clock = Stopwatch.StartNew();
        var path = await SyntheticData.CreateAsync(Path.Combine(Path.GetTempPath(), "maatwerk-benchmark", "scale.db"),
            companies: 100_000, statusChanges: 1_000_000, agreedReductions: 500_000, CancellationToken.None);
        Console.WriteLine($"generated 100,000 companies, 1,000,000 status changes and 500,000 reductions in {clock.Elapsed.TotalSeconds:F1} s ({path}, {new FileInfo(path).Length / 1024 / 1024:N0} MiB)");
    }

    static int Argument(int index, int fallback) =>
        Environment.GetCommandLineArgs().Skip(1).ElementAtOrDefault(index) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    // Follows next links from the first page; returns the URL of the given page.
    static async Task<string> WalkAsync(HttpClient client, string first, int page)
    {
        var url = first;
        for (var i = 1; i < page; i++)
        {
            using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri(url, UriKind.Relative)));
            url = new Uri(document.RootElement.GetProperty("@odata.nextLink").GetString()!).PathAndQuery;
        }

        return url;
    }

    static async Task<(double Median, double P90)> TimeAsync(HttpClient client, string url, int repetitions)
    {
        for (var i = 0; i < 5; i++)
        {
            await client.GetStringAsync(new Uri(url, UriKind.Relative));
        }

        var times = new List<double>();
        for (var i = 0; i < repetitions; i++)
        {
            var clock = Stopwatch.StartNew();
            var body = await client.GetStringAsync(new Uri(url, UriKind.Relative));
            times.Add(clock.Elapsed.TotalMilliseconds);
            if (!body.Contains("\"value\":[{", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{url} returned no rows.");
            }
        }

        times.Sort();
        return (times[times.Count / 2], times[(int)(times.Count * 0.9)]);
    }
}
