using Maatwerk.OpenData.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Maatwerk.OpenData.Api.Tests;

/// <summary>
/// Expansion is set-based: a page of 100 companies with two expanded relationships costs three
/// statements (the page, then one per relationship), whether the page holds 10 companies or 100; on
/// SQLite, each parent's related rows are paged by a correlated LIMIT.
/// Run over a generated database of 300 companies with 9,000 status changes and 3,000 reductions.
/// </summary>
public sealed class ExpansionStatementTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "maatwerk-api-tests", Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program>? api;

    public async ValueTask InitializeAsync()
    {
        var path = await SyntheticData.CreateAsync(Path.Combine(folder, "synthetic.db"), 300, 9_000, 3_000, TestContext.Current.CancellationToken);
        api = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseEnvironment("Production")
            .UseSetting("Database:SqlitePath", path)
            .UseSetting("Database:Initialize", "false")
            .UseSetting("Query:RequestBudgetMilliseconds", "30000"));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    public async Task ListCompanies_PageWithTwoExpansions_SendsThreeStatements(int top)
    {
        using var capture = new SqlCapture();
        var probe = "probe-" + Guid.NewGuid().ToString("N");

        var (response, body) = await api!.CreateClient().GetJsonAsync(
            $"/v1/companies?$filter=startswith(id,'synthetic-') and id ne '{probe}'&$top={top}&$expand=statusChanges($select=id),agreedReductions($select=id)");

        Assert.Equal(200, (int)response.StatusCode);
        var rows = body.GetProperty("value").EnumerateArray().ToList();
        Assert.Equal(top, rows.Count);
        Assert.All(rows, r => Assert.Equal(30, r.GetProperty("statusChanges").GetArrayLength()));
        Assert.All(rows, r => Assert.Equal(10, r.GetProperty("agreedReductions").GetArrayLength()));

        var page = Assert.Single(capture.WithParameter(probe));
        var expansions = capture.After(page).ToList();
        Assert.Equal(2, expansions.Count);
        foreach (var table in new[] { "status_change", "agreed_reduction" })
        {
            // All parents' keys in one parameter, each parent's page by its own LIMIT.
            Assert.Contains(expansions, s => s.Text.Contains($"FROM (SELECT value FROM json_each(@p0)) AS p INNER JOIN \"{table}\" AS e", StringComparison.Ordinal)
                && s.Text.Contains($"FROM \"{table}\" AS c WHERE c.\"company_id\" = p.value ORDER BY c.\"id\" LIMIT ", StringComparison.Ordinal));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (api is not null)
        {
            await api.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
