using System.Globalization;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Maatwerk.OpenData.Api.Tests.Formats;

/// <summary>
/// CSV (and Excel) pages flow from the data reader to the response: a look-ahead statement reads only the
/// sort keys at the page's end (for the next link), then the rows statement is streamed. Run over a
/// generated database of 3,000 status changes, more than a page and several expansion batches.
/// </summary>
public sealed class StreamedDownloadTests : IAsyncLifetime
{
    private const int StatusChanges = 3_000;

    private readonly string folder = Path.Combine(Path.GetTempPath(), "maatwerk-api-tests", Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program>? api;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var path = await SyntheticData.CreateAsync(Path.Combine(folder, "synthetic.db"), 50, StatusChanges, 50, Cancel);
        api = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseEnvironment("Production")
            .UseSetting("Database:SqlitePath", path)
            .UseSetting("Database:Initialize", "false")
            .UseSetting("RateLimit:PermitsPerMinute", "0")
            .UseSetting("Query:RequestBudgetMilliseconds", "30000"));
    }

    [Fact]
    public async Task Csv_Page_SendsALookAheadForTheSortKeysAtItsEnd_ThenTheRows_AndNoCount()
    {
        using var capture = new SqlCapture();
        var probe = "probe-" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(
            $"/v1/status-changes?$filter=startswith(id,'synthetic-') and id ne '{probe}'&$select=id,date&$orderby=date desc&$count=true&$format=csv", UriKind.Relative));
        request.Headers.Add("Prefer", "odata.maxpagesize=1000");

        using var response = await api!.CreateClient().SendAsync(request, Cancel);
        var lines = (await response.Content.ReadAsStringAsync(Cancel)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(1 + 1000, lines.Length);
        Assert.Contains("$skiptoken=", Assert.Single(response.Headers.GetValues("Link")), StringComparison.Ordinal);
        var statements = capture.WithParameter(probe);
        Assert.Equal(2, statements.Count);
        var lookAhead = statements[0];
        Assert.StartsWith("SELECT t.\"date\", t.\"id\" FROM \"status_change\" AS t WHERE ", lookAhead.Text, StringComparison.Ordinal);
        Assert.EndsWith("ORDER BY t.\"date\" DESC, t.\"id\" DESC LIMIT 2 OFFSET 999", lookAhead.Text, StringComparison.Ordinal);
        Assert.EndsWith(" LIMIT 1001 OFFSET 0", statements[1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(capture.After(lookAhead).Concat(statements), s => s.Text.Contains("COUNT(", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Csv_PagesOfGeneratedRowsWithAnExpansion_TogetherEqualTheJsonPages()
    {
        const string query = "/v1/status-changes?$filter=startswith(id,'synthetic-')&$select=id,companyId,periodStart,isDisputed&$expand=company($select=name)&$orderby=periodStart,id";
        var client = api!.CreateClient();
        var json = (await client.WalkAsync(query)).Rows
            .Select(r => string.Join(",", r.GetProperty("id").GetString(), r.GetProperty("companyId").GetString(), r.GetProperty("periodStart").GetString(),
                r.GetProperty("isDisputed").GetBoolean() ? "true" : "false", r.GetProperty("company").GetProperty("name").GetString()))
            .ToList();

        var csv = new List<string>();
        var pages = 0;
        for (string? next = query + "&$format=csv"; next is not null; pages++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(next, UriKind.RelativeOrAbsolute));
            request.Headers.Add("Prefer", "odata.maxpagesize=1200");
            using var response = await client.SendAsync(request, Cancel);
            var lines = (await response.Content.ReadAsStringAsync(Cancel)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("id,companyId,periodStart,isDisputed,company.name", lines[0]);
            csv.AddRange(lines.Skip(1));
            next = response.Headers.TryGetValues("Link", out var links) ? links.Single().Split(';')[0].Trim('<', '>', ' ') : null;
        }

        Assert.Equal(3, pages);
        Assert.Equal(StatusChanges, json.Count);
        Assert.Equal(json, csv);
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
