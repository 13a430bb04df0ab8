using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Maatwerk.OpenData.Api.Tests.Faults;

/// <summary>
/// A database that is locked or gone is a 503 problem with Retry-After (and an unready service), and
/// the service recovers by itself when the database returns. Each test has a database of its own.
/// </summary>
public sealed class DatabaseFaultTests
{
    [Fact]
    public async Task Read_WhileAWriterHoldsTheLock_Returns503WithRetryAfterAndRecovers()
    {
        await using var api = new FaultApiFactory();
        var client = api.CreateClient();
        await WarmUpAsync(client, "/v1/phases");

        await using (await LockAsync(api.DatabasePath))
        {
            await AssertUnavailableAsync(client, "/v1/companies?$filter=inTop20");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/v1/companies?$filter=inTop20", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Read_WhileTheFileIsGone_Returns503AndNotReady_AndRecoversWithoutRestart()
    {
        await using var api = new FaultApiFactory();
        var client = api.CreateClient();
        await WarmUpAsync(client, "/v1/phases");

        File.Move(api.DatabasePath, api.DatabasePath + ".away");
        SqliteConnection.ClearAllPools();
        await AssertUnavailableAsync(client, "/v1/phases");
        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);

        File.Move(api.DatabasePath + ".away", api.DatabasePath);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/v1/phases", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Read_BlockedLongerThanTheBudget_IsStoppedWith503AndTheServiceAnswersAfterwards()
    {
        // The database would wait 30 s for the lock; the request's budget of 2.5 s stops it first (the command timeout, capped at the budget rounded up to 3 s, would come later).
        await using var api = new FaultApiFactory(commandTimeoutSeconds: 30, budgetMilliseconds: 2500);
        var client = api.CreateClient();
        await WarmUpAsync(client, "/v1/status-changes?$count=true");

        await using (await LockAsync(api.DatabasePath))
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var (response, body) = await client.GetJsonAsync("/v1/status-changes?$count=true");

            // Not a timing claim: the wait for the lock would end after 30 s, so an answer well before shows the statement was stopped.
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"answered after {watch.Elapsed}");
            ApiJson.AssertProblem(response, body, 503);
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.Contains("budget of 2,500 ms", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await WarmUpAsync(client, "/v1/status-changes?$count=true");
    }

    // A first request (compiling, loading the model) can outrun a short budget on a busy machine; a few tries settle it.
    private static async Task WarmUpAsync(HttpClient client, string url)
    {
        var status = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 5 && status != HttpStatusCode.OK; attempt++)
        {
            status = (await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, status);
    }

    // A writer's exclusive lock on the file: readers get SQLITE_BUSY until it is disposed.
    private static async Task<SqliteConnection> LockAsync(string path)
    {
        var writer = new SqliteConnection($"Data Source={path};Pooling=False");
        await writer.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = writer.CreateCommand();
        command.CommandText = "BEGIN EXCLUSIVE";
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        return writer;
    }

    private static async Task AssertUnavailableAsync(HttpClient client, string url)
    {
        var (response, body) = await client.GetJsonAsync(url);

        ApiJson.AssertProblem(response, body, 503);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.DoesNotContain("reporting.db", body.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The API over a database of its own, with a short budget and command timeout so faults show quickly.</summary>
    private sealed class FaultApiFactory(int commandTimeoutSeconds = 1, int budgetMilliseconds = 30_000) : WebApplicationFactory<Program>
    {
        private readonly string folder = Path.Combine(Path.GetTempPath(), "maatwerk-fault-tests", Guid.NewGuid().ToString("N"));

        public string DatabasePath => Path.Combine(folder, "reporting.db");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Database:SqlitePath", DatabasePath);
            builder.UseSetting("Database:CommandTimeoutSeconds", commandTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Query:RequestBudgetMilliseconds", budgetMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("RateLimit:PermitsPerMinute", "0");

            // Each fault is about reaching the database; an answer from the output cache would not.
            builder.UseSetting("OutputCache:Enabled", "false");
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
