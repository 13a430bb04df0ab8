using System.Diagnostics;
using System.Globalization;
using Maatwerk.OpenData.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Maatwerk.OpenData.Benchmarks;

/// <summary>
/// CSV export at scale: the bulk download (<c>/v1/download</c>, every table as CSV, streamed from the
/// database) over a generated table of 100,000 and of 1,000,000 status changes. Prints rows per second and
/// the server's peak memory above idle for each size, and the ratio between them: memory should stay flat
/// while the table grows tenfold.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project tests/Maatwerk.OpenData.Benchmarks -- csv-export [rows...]</c>
/// (default 100000 1000000). The server runs in this process, so its memory is this process's.
/// </remarks>
internal static class CsvExportBenchmark
{
    public static async Task RunAsync(IReadOnlyList<string> arguments)
    {
        var sizes = arguments.Count > 0 ? arguments.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToList() : [100_000, 1_000_000];
        var results = new List<(int Rows, double RowsPerSecond, double PeakMb)>();
        foreach (var rows in sizes)
        {
            var path = await SyntheticData.CreateAsync(Path.Combine(Path.GetTempPath(), "maatwerk-benchmark", $"csv-{rows}.db"), companies: 1_000, statusChanges: rows, agreedReductions: 0, CancellationToken.None);
            await using var api = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
                .UseEnvironment("Production")
                .UseSetting("Logging:LogLevel:Default", "Warning")
                .UseSetting("Database:SqlitePath", path)
                .UseSetting("Database:Initialize", "false")
                .UseSetting("RateLimit:PermitsPerMinute", "0"));
            var client = api.CreateClient();
            await client.GetStringAsync(new Uri("/v1/dataset", UriKind.Relative));

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
            using var response = await client.GetAsync(new Uri("/v1/download", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            var counter = new CountingStream();
            await body.CopyToAsync(counter);
            var seconds = clock.Elapsed.TotalSeconds;
            await sampling.CancelAsync();
            await sampler;

            var peakMb = (peak - idle) / 1024.0 / 1024.0;
            results.Add((rows, rows / seconds, peakMb));
            Console.WriteLine($"{rows,10:N0} status changes: {seconds,6:F1} s, {rows / seconds,10:N0} rows/s, {counter.Length / 1024.0 / 1024.0,6:F1} MiB zipped, peak memory {peakMb,6:F1} MiB above idle");
        }

        if (results.Count > 1)
        {
            var (small, large) = (results[0], results[^1]);
            Console.WriteLine($"\n{large.Rows / (double)small.Rows:F0}x the rows: {large.RowsPerSecond / small.RowsPerSecond:F2}x the rows/s, peak memory {large.PeakMb - small.PeakMb:+0.0;-0.0} MiB ({(small.PeakMb > 0 ? large.PeakMb / small.PeakMb : double.NaN):F2}x)");
        }
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
