using System.Collections.Concurrent;
using System.Net;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Data.Loading;
using Maatwerk.OpenData.Data.Releases;
using Maatwerk.OpenData.Query.Sql;
using Maatwerk.OpenData.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Maatwerk.OpenData.Api.Tests.Caching;

/// <summary>
/// A new data release replaces every cached answer and every ETag at once. An earlier release is
/// simulated as the release record tests do: a built database is edited and its release renamed, then
/// the real release is loaded over it while the service runs.
/// </summary>
public sealed class ReleaseEvictionTests
{
    private const string Url = "/v1/companies?$filter=id eq 'nobian' and name ne 'probe-release'&$select=id,name";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NewRelease_EvictsThePreviousReleasesAnswers_AndItsETagGoesStale()
    {
        using var sql = new SqlCapture();
        await using var api = new ReleaseApiFactory();
        var client = api.CreateClient();
        await api.ServePreviousReleaseAsync();

        var (old, oldBody) = await client.GetJsonAsync(Url);
        Assert.True(old.StatusCode == HttpStatusCode.OK, oldBody.ToString());
        var afterOld = sql.WithParameter("probe-release").Count;
        var (cached, _) = await client.GetJsonAsync(Url);
        var afterCached = sql.WithParameter("probe-release").Count;

        await api.LoadCurrentReleaseAsync();
        var (fresh, freshBody) = await client.GetJsonAsync(Url, ("If-None-Match", old.Headers.ETag!.ToString()));

        Assert.Equal("Previous name", Name(oldBody));
        Assert.Equal(old.Headers.ETag, cached.Headers.ETag);
        Assert.Equal(afterOld, afterCached);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.NotEqual("Previous name", Name(freshBody));
        Assert.NotEqual(old.Headers.ETag, fresh.Headers.ETag);
        Assert.True(sql.WithParameter("probe-release").Count > afterCached, "the new release's answer was queried");
        Assert.Contains("release:2000.01.1", api.Evicted);
    }

    // Each page is another request (the output cache misses), but the count under the filter is the same.
    [Fact]
    public async Task Count_IsKeptPerReleaseAndFilter_AndCountedAgainInANewRelease()
    {
        const string List = "/v1/companies?$filter=name eq 'Previous name' or name eq 'probe-count'&$count=true&$select=id&$top=";
        using var sql = new SqlCapture();
        await using var api = new ReleaseApiFactory();
        var client = api.CreateClient();
        await api.ServePreviousReleaseAsync();
        int Counts() => sql.WithParameter("probe-count").Count(s => s.Text.Contains("COUNT(", StringComparison.OrdinalIgnoreCase));

        var (_, first) = await client.GetJsonAsync(List + "1");
        var afterFirst = Counts();
        var (_, second) = await client.GetJsonAsync(List + "2");
        var afterSecond = Counts();

        await api.LoadCurrentReleaseAsync();
        var (_, fresh) = await client.GetJsonAsync(List + "3");

        Assert.Equal(1, first.GetProperty("@odata.count").GetInt64());
        Assert.Equal(1, second.GetProperty("@odata.count").GetInt64());
        Assert.Equal(1, afterFirst);
        Assert.Equal(afterFirst, afterSecond);
        Assert.Equal(0, fresh.GetProperty("@odata.count").GetInt64());
        Assert.Equal(afterFirst + 1, Counts());
    }

    private static string? Name(System.Text.Json.JsonElement body) =>
        body.GetProperty("value")[0].GetProperty("name").GetString();

    private static async Task ExecuteAsync(string path, string statements)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = statements;
        await command.ExecuteNonQueryAsync(Cancel);
    }

    private sealed class ReleaseApiFactory : WebApplicationFactory<Program>
    {
        private readonly string folder = Path.Combine(Path.GetTempPath(), "maatwerk-release-cache-tests", Guid.NewGuid().ToString("N"));

        public string DatabasePath => Path.Combine(folder, "reporting.db");

        public ManualClock Clock { get; } = new();

        public ConcurrentQueue<string> Evicted { get; } = new();

        /// <summary>Makes the built database an earlier release ('2000.01.1', Nobian named 'Previous name') that the service then serves.</summary>
        public async Task ServePreviousReleaseAsync()
        {
            await ExecuteAsync(DatabasePath, """
                PRAGMA foreign_keys = OFF;
                UPDATE company SET name = 'Previous name' WHERE id = 'nobian';
                UPDATE data_release_table SET version = '2000.01.1';
                UPDATE data_release SET version = '2000.01.1', content_hash = 'previous-content';
                """);
            Clock.Advance(ReleaseStore.CurrentCacheDuration * 2);
        }

        /// <summary>Loads the real release over the database while the service runs, and lets the service see it.</summary>
        public async Task LoadCurrentReleaseAsync()
        {
            await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
            {
                await connection.OpenAsync(Cancel);
                Assert.True((await DatasetLoader.LoadAsync(connection, SqliteDialect.Instance, ReleaseConflict.Refuse, Cancel)).Loaded);
            }

            Clock.Advance(ReleaseStore.CurrentCacheDuration * 2);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Database:SqlitePath", DatabasePath);
            builder.UseSetting("RateLimit:PermitsPerMinute", "0");
            builder.UseSetting("OutputCache:Enabled", "true");

            // Tests share a busy machine; the first request also warms the service up.
            builder.UseSetting("Query:RequestBudgetMilliseconds", "30000");
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton(sp => new ReleaseStore(sp.GetRequiredService<ReportingDatabase>(), Clock));
                var store = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
                services.Remove(store);
                services.AddSingleton<IOutputCacheStore>(sp => new RecordingStore(
                    (IOutputCacheStore)(store.ImplementationFactory?.Invoke(sp) ?? store.ImplementationInstance!), Evicted));
            });
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset now = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }

    private sealed class RecordingStore(IOutputCacheStore inner, ConcurrentQueue<string> evicted) : IOutputCacheStore
    {
        public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
        {
            evicted.Enqueue(tag);
            return inner.EvictByTagAsync(tag, cancellationToken);
        }

        public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

        public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) =>
            inner.SetAsync(key, value, tags, validFor, cancellationToken);
    }
}
