using System.Diagnostics;
using System.Globalization;
using Dapper;
using Maatwerk.OpenData.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Maatwerk.OpenData.Benchmarks;

/// <summary>
/// CSV export at scale over a generated table of 100,000 and of 1,000,000 status changes, two ways: the
/// bulk download (<c>/v1/download</c>, every table as CSV, streamed from the database) and the query CSV
/// (<c>/v1/status-changes?$format=csv</c>, pages of 100,000 rows streamed from the data reader, following
/// the <c>Link</c> header). Prints rows per second and the server's peak memory above idle for each size
/// and way, and the ratio between the sizes: memory should stay flat while the table grows tenfold.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project tests/Maatwerk.OpenData.Benchmarks -- csv-export [rows...]</c>
/// (default 100000 1000000). The server runs in this process, so its memory is this process's.
/// </remarks>
internal static class CsvExportBenchmark
{
    private const int QueryPageSize = 100_000;

    public static async Task RunAsync(IReadOnlyList<string> arguments)
    {
        var sizes = arguments.Count > 0 ? arguments.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToList() : [100_000, 1_000_000];
        var results = new List<(string Way, int Rows, double RowsPerSecond, double PeakMb)>();
        foreach (var rows in sizes)
        {
            var path = await SyntheticData.CreateAsync(Path.Combine(Path.GetTempPath(), "maatwerk-benchmark", $"csv-{rows}.db"), companies: 1_000, statusChanges: rows, agreedReductions: 0, CancellationToken.None);

            // The generated rows are not part of the release whose files the load stored: without them,
            // /v1/download streams the tables from the database, as for a release loaded before files were kept.
            await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                await connection.ExecuteAsync("DELETE FROM data_release_archive");
            }

            await using var api = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
                .UseEnvironment("Production")
                .UseSetting("Logging:LogLevel:Default", "Warning")
                .UseSetting("Database:SqlitePath", path)
                .UseSetting("Database:Initialize", "false")
                .UseSetting("Query:DownloadPageSize", QueryPageSize.ToString(CultureInfo.InvariantCulture))

                // Throughput, not the time budget of an anonymous request, is measured here.
                .UseSetting("Query:RequestBudgetMilliseconds", "600000")
                .UseSetting("RateLimit:PermitsPerMinute", "0"));
            var client = api.CreateClient();
            await client.GetStringAsync(new Uri("/v1/dataset", UriKind.Relative));

            foreach (var (way, url) in new[] { ("bulk ZIP", "/v1/download"), ("query CSV", "/v1/status-changes?$format=csv") })
            {
                var (seconds, bytes, peakMb) = await MeasureAsync(client, url);
                results.Add((way, rows, rows / seconds, peakMb));
                Console.WriteLine($"{way,-9} {rows,10:N0} status changes: {seconds,6:F1} s, {rows / seconds,10:N0} rows/s, {bytes / 1024.0 / 1024.0,6:F1} MiB, peak memory {peakMb,6:F1} MiB above idle");
            }
        }

        foreach (var way in results.Select(r => r.Way).Distinct())
        {
            var measured = results.Where(r => r.Way == way).ToList();
            if (measured.Count > 1)
            {
                var (small, large) = (measured[0], measured[^1]);
                Console.WriteLine($"\n{way}: {large.Rows / (double)small.Rows:F0}x the rows: {large.RowsPerSecond / small.RowsPerSecond:F2}x the rows/s, peak memory {large.PeakMb - small.PeakMb:+0.0;-0.0} MiB ({(small.PeakMb > 0 ? large.PeakMb / small.PeakMb : double.NaN):F2}x)");
            }
        }
    }

    // Fetches the URL and every page its Link headers name; the time, the bytes and the peak working set above idle.
    private static async Task<(double Seconds, long Bytes, double PeakMb)> MeasureAsync(HttpClient client, string url)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var idle = process.WorkingSet64;
        var peak = idle;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(5);
            }
        });

        var clock = Stopwatch.StartNew();
        var counter = new CountingStream();
        for (string? next = url; next is not null;)
        {
            using var response = await client.GetAsync(new Uri(next, UriKind.RelativeOrAbsolute), HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using (var body = await response.Content.ReadAsStreamAsync())
            {
                await body.CopyToAsync(counter);
            }

            next = response.Headers.TryGetValues("Link", out var links) ? links.Single().Split(';')[0].Trim('<', '>', ' ') : null;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        return (seconds, counter.Length, (peak - idle) / 1024.0 / 1024.0);
    }

    // Counts the bytes of the response without keeping them.
    private sealed class CountingStream : Stream
    {
        private long length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => length;

        public override long Position { get => length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => length += count;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
