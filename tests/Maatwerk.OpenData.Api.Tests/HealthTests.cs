using System.Net;
using System.Text.Json;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Data.Deployment;
using Maatwerk.OpenData.Data.Loading;
using Microsoft.AspNetCore.Hosting;

namespace Maatwerk.OpenData.Api.Tests;

/// <summary>The liveness and readiness probes: what makes the service ready, and that probes are never rate limited.</summary>
public sealed class HealthTests(ApiFactory api)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Probes_EmbeddedDatabase_AreHealthyAndNameTheRelease()
    {
        var client = api.CreateClient();

        var (live, _) = await GetAsync(client, "/health/live");
        var (ready, description) = await GetAsync(client, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, live);
        Assert.Equal(HttpStatusCode.OK, ready);
        Assert.Equal($"database: data release {DatasetRelease.Version} ({DatasetRelease.ContentHash[..12]})", description);
    }

    [Fact]
    public async Task Ready_SchemaWithoutMigrations_Is503NamingMigrate()
    {
        using var folder = new Folder();
        await File.WriteAllBytesAsync(folder.Database, [], Cancel);

        var (status, description) = await ReadyOver(folder.Database);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var scripts = Data.Schema.SchemaScripts.For(Query.Sql.SqliteDialect.Instance).Count;
        Assert.StartsWith($"database: the reporting schema lacks {scripts} migration script(s)", description, StringComparison.Ordinal);
        Assert.Contains("-- migrate", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_SchemaWithoutRelease_Is503NamingLoad()
    {
        using var folder = new Folder();
        new ReportingDeployment(DatabaseProvider.Sqlite, $"Data Source={folder.Database}").Migrate();

        var (status, description) = await ReadyOver(folder.Database);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal($"database: no data release is loaded; run '{DatabaseState.DeployCommand} load'", description);
    }

    [Fact]
    public async Task Probes_BeyondTheRateLimit_AreStillAnswered()
    {
        using var limited = api.WithWebHostBuilder(b => b.UseSetting("RateLimit:PermitsPerMinute", "1"));
        var client = limited.CreateClient();

        using var first = await client.GetAsync(new Uri("/v1/phases", UriKind.Relative), Cancel);
        using var refused = await client.GetAsync(new Uri("/v1/phases", UriKind.Relative), Cancel);
        var probes = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            probes.Add((await GetAsync(client, "/health/live")).Status);
            probes.Add((await GetAsync(client, "/health/ready")).Status);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.All(probes, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    private async Task<(HttpStatusCode Status, string? Description)> ReadyOver(string database)
    {
        using var factory = api.WithWebHostBuilder(b => b
            .UseSetting("Database:SqlitePath", database)
            .UseSetting("Database:Initialize", "false"));
        return await GetAsync(factory.CreateClient(), "/health/ready");
    }

    private static async Task<(HttpStatusCode Status, string? Description)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Cancel);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var status = json.RootElement.GetProperty("status").GetString();
        Assert.Equal(response.IsSuccessStatusCode ? "Healthy" : "Unhealthy", status);
        return (response.StatusCode, json.RootElement.GetProperty("description").GetString());
    }

    private sealed class Folder : IDisposable
    {
        private readonly string path = Path.Combine(Path.GetTempPath(), "maatwerk-api-tests", Guid.NewGuid().ToString("N"));

        public Folder() => Directory.CreateDirectory(path);

        public string Database => Path.Combine(path, "reporting.db");

        public void Dispose()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(path, recursive: true);
        }
    }
}
