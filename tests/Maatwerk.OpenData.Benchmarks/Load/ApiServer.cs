using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Maatwerk.OpenData.Benchmarks.Load;

/// <summary>A server under load: its name in the report, its address and the processes whose CPU it uses.</summary>
internal interface ILoadTarget : IDisposable
{
    string Name { get; }

    Uri Address { get; }

    /// <summary>The server's processes, for CPU time (nginx's master and workers; the API's one process).</summary>
    IReadOnlyList<int> ProcessIds { get; }

    /// <summary>The process whose memory is reported.</summary>
    int MainProcessId { get; }
}

/// <summary>
/// The published API started as its own process on 127.0.0.1, as it is deployed: Kestrel, the Production
/// environment, logging at Warning, rate limiting off, the given request budget and output caching on or off.
/// </summary>
internal sealed class ApiServer : ILoadTarget
{
    private readonly Process process;

    private ApiServer(string name, Process process, Uri address)
    {
        Name = name;
        this.process = process;
        Address = address;
    }

    public string Name { get; }

    public Uri Address { get; }

    public IReadOnlyList<int> ProcessIds => [process.Id];

    public int MainProcessId => process.Id;

    /// <summary>Resident memory once started and answering, before any load.</summary>
    public long IdleResidentBytes { get; private set; }

    public static async Task<ApiServer> StartAsync(string name, string folder, string database, bool cached, int budgetMilliseconds, string logFile, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/'),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
            ["RateLimit__PermitsPerMinute"] = "0",
            ["Query__RequestBudgetMilliseconds"] = budgetMilliseconds.ToString(CultureInfo.InvariantCulture),
            ["Database__SqlitePath"] = database,
            // The file is built by the harness; a server of another commit must read it as it is.
            ["Database__Initialize"] = "false",
            ["OutputCache__Enabled"] = cached ? "true" : "false",
        };
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var process = Shell.Start("dotnet", [Path.Combine(folder, "Maatwerk.OpenData.Api.dll")], folder, environment, logFile);
        var server = new ApiServer(name, process, address);
        try
        {
            await server.WaitUntilAnsweringAsync(cancellationToken);
        }
        catch
        {
            server.Dispose();
            throw;
        }

        server.IdleResidentBytes = ProcessStats.ResidentBytes(process.Id);
        return server;
    }

    public void Dispose() => Shell.Stop(process);

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} ended with exit code {process.ExitCode} before it answered; see its log.");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/v1/phases", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"{Name} did not answer /v1/phases within two minutes.");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>A port nothing listens on now, on the loopback address.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
