using Maatwerk.OpenData.Tests.Shared;

namespace Maatwerk.OpenData.Api.Tests;

/// <summary>Filtering, sorting, paging and counting happen in the database, with every value from the request a parameter.</summary>
public sealed partial class PushdownTests(ApiFactory api)
{
    [Fact]
    public async Task ListCompanies_FilteredSortedPaged_SendsWhereOrderByAndPagingWithParametersOnly()
    {
        using var capture = new SqlCapture();
        var probe = "probe-" + Guid.NewGuid().ToString("N");
        var client = api.CreateClient();

        var (response, _) = await client.GetJsonAsync(
            $"/v1/companies?$filter=name ne '{probe}' and sector eq 'chemicals'&$orderby=name desc&$top=3&$skip=1&$count=true&$select=id,name");

        Assert.Equal(200, (int)response.StatusCode);
        var sent = capture.WithParameter(probe);
        Assert.Equal(2, sent.Count);
        var rows = Assert.Single(sent, s => s.Text.StartsWith("SELECT t.", StringComparison.Ordinal));
        var count = Assert.Single(sent, s => s.Text.StartsWith("SELECT COUNT(*)", StringComparison.Ordinal));

        Assert.Equal(
            "SELECT t.\"id\" AS \"id\", t.\"name\" AS \"name\" FROM \"company\" AS t WHERE (NOT (t.\"name\" = @p0) AND t.\"sector\" = @p1) "
            + "ORDER BY t.\"name\" DESC, t.\"id\" DESC LIMIT 4 OFFSET 1",
            rows.Text);
        Assert.Equal(new Dictionary<string, object?> { ["@p0"] = probe, ["@p1"] = "chemicals" }, rows.Parameters);
        Assert.Equal("SELECT COUNT(*) FROM \"company\" AS t WHERE (NOT (t.\"name\" = @p0) AND t.\"sector\" = @p1)", count.Text);
        Assert.All(sent, s => Assert.DoesNotContain(probe, s.Text, StringComparison.Ordinal));
        Assert.All(sent, s => Assert.DoesNotContain("chemicals", s.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListStatusChanges_OfACompany_FiltersByTheCompanyInSql()
    {
        using var capture = new SqlCapture();
        var probe = "probe-" + Guid.NewGuid().ToString("N");

        await api.CreateClient().GetJsonAsync($"/v1/companies/nobian/status-changes?$filter=toPhaseId ne '{probe}'");

        var statement = Assert.Single(capture.WithParameter(probe));
        Assert.Contains("FROM \"status_change\" AS t WHERE t.\"company_id\" = @p0 AND NOT (t.\"to_phase_id\" = @p1)", statement.Text, StringComparison.Ordinal);
        Assert.Equal("nobian", statement.Parameters["@p0"]);
    }

    [Theory]
    [InlineData("/v1/status-changes('{0}')/company?$select=id,name",
        "FROM \"company\" AS t WHERE t.\"id\" IN (SELECT np.\"company_id\" FROM \"status_change\" AS np WHERE np.\"id\" = @p0)")]
    [InlineData("/v1/companies('{0}')/sources?$filter=id ne 'x'",
        "FROM \"source\" AS t WHERE t.\"id\" IN (SELECT nl.\"source_id\" FROM \"company_source\" AS nl WHERE nl.\"company_id\" = @p0) AND NOT (t.\"id\" = @p1)")]
    public async Task Navigate_AnyNavigationProperty_SelectsTheRelatedRowsInSql(string url, string where)
    {
        using var capture = new SqlCapture();
        var probe = "probe-" + Guid.NewGuid().ToString("N");

        var (response, _) = await api.CreateClient().GetJsonAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, probe));

        // No such parent: the related rows are looked up in SQL, then the parent, and the answer is a 404.
        Assert.Equal(404, (int)response.StatusCode);
        var statement = capture.WithParameter(probe)[0];
        Assert.Contains(where, statement.Text, StringComparison.Ordinal);
        Assert.Equal(probe, statement.Parameters["@p0"]);
    }

    [Fact]
    public async Task ListCollection_AnyQuery_ReadsAtMostOnePageAndOneRowFromTheDatabase()
    {
        using var capture = new SqlCapture();
        var probe = "probe-" + Guid.NewGuid().ToString("N");

        var (_, body) = await api.CreateClient().GetJsonAsync($"/v1/sources?$filter=id ne '{probe}'");

        var statement = Assert.Single(capture.WithParameter(probe));
        Assert.EndsWith($" LIMIT {ApiFactory.PageSize + 1} OFFSET 0", statement.Text, StringComparison.Ordinal);
        Assert.Equal(ApiFactory.PageSize, body.GetProperty("value").GetArrayLength());
    }
}
