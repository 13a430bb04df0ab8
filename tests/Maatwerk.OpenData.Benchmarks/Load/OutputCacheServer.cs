using System.Diagnostics;
using System.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Maatwerk.OpenData.Benchmarks.Load;

/// <summary>
/// A bare ASP.NET Core app answering, from ASP.NET Core's output cache, the exact bodies the API answered,
/// with the API's <c>Content-Type</c> and runtime settings and nothing else: no other middleware, no
/// routing, logging off. It is
/// the ceiling of answers from cache on the API's own stack, next to nginx's ceiling of the machine: how
/// far the API's answers from cache are from nginx because of the output cache and Kestrel themselves, and
/// how far because of the API's own pipeline. Runs as its own process (this program with
/// <c>output-cache-server PORT FOLDER</c>), like the API.
/// </summary>
internal sealed class OutputCacheServer : ILoadTarget
{
    private const string Manifest = "files.tsv";

    private readonly Process process;

    private OutputCacheServer(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public string Name => LoadReport.BareCache;

    public Uri Address { get; }

    public IReadOnlyList<int> ProcessIds => [process.Id];

    public int MainProcessId => process.Id;

    /// <summary>
    /// Writes each body to <paramref name="folder"/>, starts the app on 127.0.0.1 serving it at
    /// <c>/{name}</c>, and checks that a repeated request is answered from its cache (an <c>Age</c> header).
    /// </summary>
    /// <exception cref="InvalidOperationException">The app ended, or did not answer from its cache.</exception>
    public static async Task<OutputCacheServer> StartAsync(string folder, string apiFolder, IReadOnlyList<(string Name, byte[] Body, string ContentType)> files, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(folder, "files"));
        foreach (var (name, body, _) in files)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, "files", name), body, cancellationToken);
        }

        await File.WriteAllLinesAsync(Path.Combine(folder, Manifest), files.Select(f => $"{f.Name}\t{f.ContentType}"), cancellationToken);
        var port = ApiServer.FreePort();
        var program = typeof(OutputCacheServer).Assembly.Location;
        // The API's own runtimeconfig.json: the same GC and thread-pool settings, from the one place they are set.
        var runtimeConfig = Path.Combine(apiFolder, "Maatwerk.OpenData.Api.runtimeconfig.json");
        var process = Shell.Start("dotnet", ["exec", "--runtimeconfig", runtimeConfig, program, "output-cache-server", port.ToString(System.Globalization.CultureInfo.InvariantCulture), folder],
            folder, new Dictionary<string, string>(), Path.Combine(folder, "server.log"));
        var server = new OutputCacheServer(process, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await Shell.WaitUntilListeningAsync(process, LoadReport.BareCache, port, cancellationToken);
            if (!await LoadBenchmark.AnswersFromCacheAsync(server, "/" + files[0].Name, cancellationToken))
            {
                throw new InvalidOperationException($"{LoadReport.BareCache} did not answer a repeated request from its cache (no Age header).");
            }
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    }

    public void Dispose() => Shell.Stop(process);

    /// <summary>The app itself: <c>output-cache-server PORT FOLDER</c>, serving the files of the folder's manifest until stopped.</summary>
    public static async Task ServeAsync(IReadOnlyList<string> arguments)
    {
        var port = int.Parse(arguments[0], System.Globalization.CultureInfo.InvariantCulture);
        var folder = arguments[1];
        var files = (await File.ReadAllLinesAsync(Path.Combine(folder, Manifest)))
            .Select(line => line.Split('\t'))
            .ToDictionary(p => "/" + p[0], p => (Body: File.ReadAllBytes(Path.Combine(folder, "files", p[0])), ContentType: p[1]), StringComparer.Ordinal);

        // Into server.log: the runtime settings it runs with, taken from the API's runtimeconfig.json.
        Console.WriteLine($"server GC {GCSettings.IsServerGC}, GC latency mode {GCSettings.LatencyMode}, thread-pool spin limit {AppContext.GetData("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit") ?? "default"}");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = folder });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddOutputCache(options => options.AddBasePolicy(policy => policy.Expire(TimeSpan.FromHours(1))));
        var app = builder.Build();
        app.UseOutputCache();
        app.Run(async context =>
        {
            if (!files.TryGetValue(context.Request.Path.Value ?? string.Empty, out var file))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.Response.ContentType = file.ContentType;
            context.Response.ContentLength = file.Body.Length;
            await context.Response.Body.WriteAsync(file.Body, context.RequestAborted);
        });
        await app.RunAsync();
    }
}
