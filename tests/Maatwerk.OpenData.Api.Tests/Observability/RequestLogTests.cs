using Maatwerk.OpenData.Api.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Maatwerk.OpenData.Api.Tests.Observability;

/// <summary>
/// One structured line per request (method, routed path, canonical query, status, duration, bytes,
/// cache), the client address only when the operator asks, and no secret in any line of any category.
/// </summary>
public sealed class RequestLogTests(ApiFactory api)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static object? Field(CapturedLogs.Line line, string name) => line.State.Single(p => p.Key == name).Value;

    private WebApplicationFactory<Program> Logged(CapturedLogs logs, params (string Key, string Value)[] settings) =>
        api.WithWebHostBuilder(builder =>
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });

    [Fact]
    public async Task Request_WritesOneLine_WithTheRoutedPathCanonicalQueryStatusDurationBytesAndCache()
    {
        var logs = new CapturedLogs();
        await using var factory = Logged(logs, ("OutputCache:Enabled", "true"));
        var client = factory.CreateClient();

        using var miss = await client.GetAsync(new Uri("/v1/statusChanges?$top=2&$filter=companyId eq 'probe-log'", UriKind.Relative), Cancel);
        using var hit = await client.GetAsync(new Uri("/v1/status-changes?$filter=companyId eq 'probe-log'&$top=2", UriKind.Relative), Cancel);
        using var missing = await client.GetAsync(new Uri("/v1/companies/probe-log-missing", UriKind.Relative), Cancel);
        using var health = await client.GetAsync(new Uri("/health/live", UriKind.Relative), Cancel);

        var bytes = (await miss.Content.ReadAsByteArrayAsync(Cancel)).Length;
        var lines = logs.In(RequestLog.Category).ToList();
        var probe = lines.Where(l => ((string)Field(l, "Query")!).Contains("probe-log", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, probe.Count);
        Assert.All(probe, l => Assert.Equal(LogLevel.Information, l.Level));
        Assert.All(probe, l => Assert.Equal("/v1/status-changes", Field(l, "Path")));
        Assert.All(probe, l => Assert.Equal("?%24filter=companyId%20eq%20%27probe-log%27&%24top=2", Field(l, "Query")));
        Assert.All(probe, l => Assert.Equal(200, Field(l, "StatusCode")));
        Assert.All(probe, l => Assert.True((double)Field(l, "DurationMs")! >= 0));
        Assert.All(probe, l => Assert.Equal(bytes, (long)Field(l, "Bytes")!));
        Assert.Equal(["miss", "hit"], probe.Select(l => Field(l, "Cache")));
        var notFound = Assert.Single(lines, l => Equals(Field(l, "Path"), "/v1/companies/probe-log-missing"));
        Assert.Equal((404, "miss"), ((int)Field(notFound, "StatusCode")!, (string)Field(notFound, "Cache")!));
        Assert.Equal("none", Field(Assert.Single(lines, l => Equals(Field(l, "Path"), "/health/live")), "Cache"));
        Assert.All(lines, l => Assert.DoesNotContain(l.State, p => p.Key == "ClientAddress"));
    }

    [Fact]
    public async Task ClientAddress_OnlyWhenTheOperatorSwitchesItOn()
    {
        var logs = new CapturedLogs();
        await using var factory = Logged(logs, ("Logging:RequestLog:IncludeClientAddress", "true"));

        using var response = await factory.CreateClient().GetAsync(new Uri("/v1/phases?probe=client-address", UriKind.Relative), Cancel);

        var line = Assert.Single(logs.In(RequestLog.Category), l => ((string)Field(l, "Query")!).Contains("client-address", StringComparison.Ordinal));
        Assert.Contains(line.State, p => p.Key == "ClientAddress");
        Assert.Contains(", from ", line.Message, StringComparison.Ordinal);
    }

    // The test process runs in globalization-invariant mode, where SqlClient cannot open a connection, so the
    // connection strings are configured next to the SQLite database the service reads.
    [Fact]
    public async Task ConnectionStringWithAPassword_NeverAppearsInAnyLogLine()
    {
        const string Password = "Pr0be-S3cret-4711";
        var connectionString = $"Server=tcp:127.0.0.1,9;Database=reporting;User ID=reader;Password={Password};Connect Timeout=1;Encrypt=False";
        var logs = new CapturedLogs();
        await using var factory = Logged(logs,
            ("ConnectionStrings:Reporting", connectionString),
            ("Database:ConnectionString", connectionString),
            ("Logging:LogLevel:Default", "Trace"),
            ("Logging:LogLevel:Microsoft.AspNetCore", "Trace"));
        var client = factory.CreateClient();

        foreach (var url in new[] { "/v1/phases", "/v1/companies?$filter=inTop20", "/health/ready", "/v1/dataset", "/", "/v1/no-such-thing" })
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Cancel);
        }

        Assert.Contains(logs.Lines, l => l.Category == RequestLog.Category);
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Debug);
        Assert.All(logs.Lines, l => Assert.DoesNotContain(Password, l.Message + l.Exception + string.Join(";", l.State.Select(p => p.Value)), StringComparison.Ordinal));
    }
}
