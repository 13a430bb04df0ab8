using Dapper;
using Maatwerk.OpenData.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Maatwerk.OpenData.Api.Tests.Scale;

/// <summary>
/// The documented query shapes (README examples, the site's pages, a benchmark's mix: single item, list
/// page, filtered and sorted list, expanded list, count, aggregate, deep page by next link) read through
/// an index and never sort a whole table for ORDER BY: SQLite's own <c>EXPLAIN QUERY PLAN</c> of every
/// statement each request sends, over generated data with planner statistics (a few thousand rows per
/// table, enough for the planner to choose as it would at a million).
/// </summary>
public sealed class QueryPlanTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "maatwerk-api-tests", Guid.NewGuid().ToString("N"));
    private string? path;
    private WebApplicationFactory<Program>? api;

    public static TheoryData<string> Shapes => new(
    [
        "/v1/companies/nobian",
        "/v1/companies('synthetic-000042')",
        "/v1/status-changes?$top=100",
        "/v1/status-changes?$orderby=companyId&$top=100",
        "/v1/agreed-reductions?$filter=substance eq 'CO2'&$orderby=targetYear desc&$top=20",
        "/v1/agreed-reductions?$filter=substance eq 'N2O'&$orderby=targetYear&$top=20&$count=true",
        "/v1/agreed-reductions?$filter=substance eq 'N2O'",
        "/v1/companies?$filter=currentPhaseId eq 'binding-agreement'&$select=id,name,currentPhaseAsOf",
        "/v1/status-changes?$filter=toPhaseId eq 'stopped'&$select=companyId,date,isDisputed,note",
        "/v1/status-changes?$orderby=periodStart desc&$top=20",
        "/v1/status-changes?$filter=kind eq 'phase-change'&$orderby=periodStart desc&$top=8&$expand=company($select=id,name)",
        "/v1/companies/synthetic-000042/status-changes?$orderby=periodStart,id",
        "/v1/companies?$top=50&$expand=statusChanges($select=id,date),agreedReductions($select=id,substance)",
        "/v1/status-changes/$count",
        "/v1/agreed-reductions/$count?$filter=substance eq 'NOx'",
        "/v1/companies?$apply=groupby((currentPhaseId),aggregate($count as companies))",
        "/v1/agreed-reductions?$apply=groupby((substance,targetYear),aggregate($count as reductions))&$orderby=substance,targetYear",
        "/v1/sources?$orderby=date desc&$top=10&$skip=20",
    ]);

    public async ValueTask InitializeAsync()
    {
        path = await SyntheticData.CreateAsync(Path.Combine(folder, "synthetic.db"), 1_000, 10_000, 5_000, TestContext.Current.CancellationToken);
        api = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseEnvironment("Production")
            .UseSetting("Database:SqlitePath", path)
            .UseSetting("Database:Initialize", "false")
            .UseSetting("RateLimit:PermitsPerMinute", "0")
            .UseSetting("Query:RequestBudgetMilliseconds", "30000"));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task DocumentedShape_EveryStatement_UsesAnIndexAndNoSortForOrderBy(string url)
    {
        var statements = await StatementsOf(url);

        Assert.NotEmpty(statements);
        foreach (var statement in statements)
        {
            var plan = await PlanAsync(statement);
            var text = string.Join(" | ", plan);
            if (statement.Text.Contains("\"__parent\"", StringComparison.Ordinal))
            {
                // An expansion reads only the children of the page's rows, by the foreign key's index,
                // and pages them per parent: its sort is bounded by the page, not the table.
                Assert.True(plan.Any(p => p.StartsWith("SEARCH c USING ", StringComparison.Ordinal) && p.EndsWith("=?)", StringComparison.Ordinal)),
                    $"{url}: no index seek in {text} for {statement.Text}");
                continue;
            }

            // Sorting the groups of an aggregate (the rows of "r") is allowed: there are few of them.
            Assert.False(plan.Where((p, i) => i == 0 || plan[i - 1] != "SCAN r").Any(p => p.Contains("TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal)
                || p.Contains("TEMP B-TREE FOR RIGHT PART OF ORDER BY", StringComparison.Ordinal) || p.Contains("TEMP B-TREE FOR GROUP BY", StringComparison.Ordinal)),
                $"{url}: a sort in {text} for {statement.Text}");
            // A bare "SCAN t" reads a table in rowid order, without any index.
            Assert.False(plan.Any(p => p.StartsWith("SCAN ", StringComparison.Ordinal) && !p.Contains(" USING ", StringComparison.Ordinal)
                && !p.StartsWith("SCAN json_each", StringComparison.Ordinal) && !p.StartsWith("SCAN (subquery", StringComparison.Ordinal) && p != "SCAN r" && p != "SCAN j"),
                $"{url}: a table scan in {text} for {statement.Text}");
            Assert.True(plan.Any(p => p.Contains(" USING ", StringComparison.Ordinal)), $"{url}: no index in {text} for {statement.Text}");
        }
    }

    [Theory]
    [InlineData("/v1/companies?$top=50&$expand=statusChanges($select=id,date)", "ix_status_change_company_id (company_id=?)")]
    [InlineData("/v1/companies?$top=50&$expand=statusChanges($top=2;$orderby=periodStart desc;$select=id)", "ix_status_change_company_period_start (company_id=?)")]
    public async Task Expansion_PagesEachParentByTheRelationshipsIndex_AndReadsOnlyThePagesRows(string url, string index)
    {
        var statements = await StatementsOf(url);
        var expansion = Assert.Single(statements, s => s.Text.Contains("\"__parent\"", StringComparison.Ordinal));

        var plan = await PlanAsync(expansion);
        var text = string.Join(" | ", plan);

        // Per parent: the page's keys in the expansion's order from the index (at most rows of equal sort
        // value put in key order: "LAST TERM"), then each related row by its key; nothing numbers or sorts
        // all of a parent's related rows. The one full sort puts the pages' rows in order, at the end.
        Assert.Contains(plan, p => p.StartsWith("SEARCH c USING COVERING INDEX " + index, StringComparison.Ordinal));
        Assert.Contains(plan, p => p.StartsWith("SEARCH e USING INDEX sqlite_autoindex_status_change_", StringComparison.Ordinal) && p.EndsWith("(id=?)", StringComparison.Ordinal));
        Assert.DoesNotContain("ROW_NUMBER", expansion.Text, StringComparison.Ordinal);
        Assert.True(plan.Count(p => p == "USE TEMP B-TREE FOR ORDER BY") == 1 && plan[^1] == "USE TEMP B-TREE FOR ORDER BY", text);
    }

    [Fact]
    public async Task DeepPage_ByNextLink_SearchesTheKeyInsteadOfSkipping()
    {
        var client = api!.CreateClient();
        var url = "/v1/status-changes?$orderby=companyId desc&$select=id,companyId&$top=5000";
        using var first = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken));
        var next = new Uri(first.RootElement.GetProperty("@odata.nextLink").GetString()!).PathAndQuery;

        var statement = Assert.Single(await StatementsOf(next));
        var plan = await PlanAsync(statement);

        Assert.Contains(plan, p => p.StartsWith("SEARCH t USING COVERING INDEX ix_status_change_company_id (company_id<?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, p => p.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReductionsBySubstanceAndTargetYear_ChoosesTheCompositeIndex()
    {
        var statements = await StatementsOf("/v1/agreed-reductions?$filter=substance eq 'CO2'&$orderby=targetYear desc&$top=20");

        var plan = await PlanAsync(statements[0]);

        Assert.Contains(plan, p => p.Contains("ix_agreed_reduction_substance_target_year (substance=?)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/v1/companies/nobian")]
    [InlineData("/v1/status-changes('synthetic-000000042')")]
    public async Task KeyLookup_SendsOneStatementWithoutOrderOrPaging(string url)
    {
        var statement = Assert.Single(await StatementsOf(url));

        Assert.DoesNotContain("ORDER BY t.", statement.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("LIMIT", statement.Text, StringComparison.Ordinal);
        Assert.Contains(await PlanAsync(statement), p => p.StartsWith("SEARCH t USING INDEX sqlite_autoindex_", StringComparison.Ordinal));
    }

    private Task<IReadOnlyList<SqlCapture.Statement>> StatementsOf(string url) => SqlCapture.OfRequestAsync(api!.CreateClient(), url);

    private async Task<List<string>> PlanAsync(SqlCapture.Statement statement)
    {
        await using var connection = await Maatwerk.OpenData.Data.ReportingDatabase.Sqlite(path!).OpenAsync(TestContext.Current.CancellationToken);
        var parameters = new DynamicParameters();
        foreach (var (name, value) in statement.Parameters)
        {
            parameters.Add(name, value);
        }

        var rows = await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + statement.Text, parameters);
        return rows.Select(r => r.Detail).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (api is not null)
        {
            await api.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
