using Maatwerk.OpenData.Tests.Shared;

namespace Maatwerk.OpenData.Api.Tests;

/// <summary>
/// Records read with their arrays (lists, single items, relationships, expansions, functions, downloads)
/// read the arrays stored on them (schema script 0007) and run no subquery per row; filters over an array
/// and a selection of some of its members read the child table.
/// </summary>
public sealed class StoredArrayStatementTests(ApiFactory api)
{
    [Theory]
    [InlineData("/v1/companies?$top=16", "t", "sites,sourceIds")]
    [InlineData("/v1/companies/nobian", "t", "sites,sourceIds")]
    [InlineData("/v1/companies('nobian')/status-changes", "t", "sourceIds")]
    [InlineData("/v1/status-changes/nobian-2024-12-19/company", "t", "sites,sourceIds")]
    [InlineData("/v1/status-changes?$expand=company", "c", "sites,sourceIds")]
    [InlineData("/v1/companiesOnDate(date=2025-07-15)?$expand=company", "c", "sites,sourceIds")]
    [InlineData("/v1/phases?$format=csv", "t", "sourceIds")]
    [InlineData("/v1/agreed-reductions?$format=xlsx", "t", "sourceIds")]
    [InlineData("/v1/programme-events?$select=id,sourceIds", "t", "sourceIds")]
    public async Task Read_RecordsWithArrays_ReadTheStoredColumnsAndNoSubqueryPerRow(string url, string alias, string arrays)
    {
        var projection = string.Join(", ", arrays.Split(',').Select(a => a == "sites"
            ? $"{alias}.\"sites_json\" AS \"sites\""
            : $"{alias}.\"source_ids_json\" AS \"sourceIds\""));

        var statements = await StatementsOf(url);

        Assert.Contains(statements, s => s.Text.Contains(projection, StringComparison.Ordinal));
        Assert.All(statements, s => Assert.DoesNotContain("json_group_array", s.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListCompanies_FilterOverSites_ReadsTheChildTableAndProjectsTheStoredColumn()
    {
        var statement = Assert.Single(await StatementsOf("/v1/companies?$filter=sites/any(s: s/province eq 'Groningen')&$select=id,sites"));

        Assert.Contains("EXISTS (SELECT 1 FROM \"company_site\" AS a1 WHERE a1.\"company_id\" = t.\"id\"", statement.Text, StringComparison.Ordinal);
        Assert.StartsWith("SELECT t.\"id\" AS \"id\", t.\"sites_json\" AS \"sites\", ", statement.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCompany_SomeMembersOfSites_BuildsTheNarrowerArrayFromTheChildRows()
    {
        var statement = Assert.Single(await StatementsOf("/v1/companies/nobian?$select=sites($select=province)"));
        var (_, body) = await api.CreateClient().GetJsonAsync("/v1/companies/nobian?$select=sites($select=province)");

        Assert.Contains("json_object('province', j.\"province\")", statement.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("sites_json", statement.Text, StringComparison.Ordinal);
        Assert.Equal(
            ["Groningen", "Overijssel", "Zuid-Holland"],
            body.GetProperty("sites").EnumerateArray().Select(s => Assert.Single(s.EnumerateObject()).Value.GetString()));
    }

    private Task<IReadOnlyList<SqlCapture.Statement>> StatementsOf(string url) => SqlCapture.OfRequestAsync(api.CreateClient(), url);
}
