using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

[assembly: AssemblyFixture(typeof(Maatwerk.OpenData.Api.Tests.ApiFactory))]

namespace Maatwerk.OpenData.Api.Tests;

/// <summary>
/// The API over its embedded SQLite database, built once from the canonical data into a folder of its
/// own and never written to. A small page size makes every collection span several pages.
/// <see cref="SqlServerApiFactory"/> is the same API over SQL Server.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public const int PageSize = 7;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "maatwerk-api-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(Folder, "reporting.db");

    /// <summary>Every row, read once, for the in-memory oracle.</summary>
    internal Task<OracleData> OracleData => oracleData ??= Tests.OracleData.LoadAsync(CreateClient());

    private Task<OracleData>? oracleData;

    /// <summary>
    /// A client of the API. It hides the base method so that a suite written once for every provider can
    /// call it and be skipped, with the reason, where a provider is not configured.
    /// </summary>
    public new virtual HttpClient CreateClient() => base.CreateClient();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:SqlitePath", DatabasePath);
        builder.UseSetting("Query:PageSize", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // The differential tests send tens of thousands of requests; RateLimitTests checks the limit itself.
        builder.UseSetting("RateLimit:PermitsPerMinute", "0");

        // Tests look for the SQL a request sends; ReleaseCacheTests checks the output cache itself.
        builder.UseSetting("OutputCache:Enabled", "false");

        // Tests share a busy machine; DatabaseFaultTests checks the request budget itself.
        builder.UseSetting("Query:RequestBudgetMilliseconds", "30000");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
