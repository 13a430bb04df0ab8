using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Maatwerk.OpenData.Benchmarks;

/// <summary>
/// Bytes allocated and CPU time per request, in process (the in-memory test server, so no sockets), for
/// the single-entity and 100-row list paths over the embedded data: the cost of a cache miss.
/// <c>dotnet run -c Release --project tests/Maatwerk.OpenData.Benchmarks -- allocations [requests]</c>.
/// </summary>
internal static class AllocationBenchmark
{
    public static async Task RunAsync(IReadOnlyList<string> arguments)
    {
        var requests = arguments.Count > 0 ? int.Parse(arguments[0], System.Globalization.CultureInfo.InvariantCulture) : 2_000;
        await using var api = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseEnvironment("Production")
            .UseSetting("Logging:LogLevel:Default", "Warning")
            .UseSetting("RateLimit:PermitsPerMinute", "0"));
        var client = api.CreateClient();

        foreach (var url in new[] { "/v1/companies/nobian", "/v1/sources?$top=100", "/v1/phases" })
        {
            for (var i = 0; i < 200; i++)
            {
                (await client.GetAsync(new Uri(url, UriKind.Relative))).Dispose();
            }

            var process = Process.GetCurrentProcess();
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var bytes = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < requests; i++)
            {
                (await client.GetAsync(new Uri(url, UriKind.Relative))).Dispose();
            }

            clock.Stop();
            process.Refresh();
            var allocated = (GC.GetTotalAllocatedBytes(precise: true) - bytes) / (double)requests;
            var cpuPerRequest = (process.TotalProcessorTime - cpu).TotalMilliseconds / requests;
            Console.WriteLine($"{url,-28} {allocated / 1024,8:F1} KiB allocated per request   {cpuPerRequest,6:F3} ms CPU per request   {clock.Elapsed.TotalMilliseconds / requests,6:F3} ms wall   (client and server, {requests:N0} requests)");
        }
    }
}
