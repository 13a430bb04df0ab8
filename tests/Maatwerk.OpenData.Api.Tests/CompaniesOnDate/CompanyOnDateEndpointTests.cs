using System.Net;

namespace Maatwerk.OpenData.Api.Tests.CompaniesOnDate;

/// <summary>The OData function companiesOnDate(date=...): hand-checked days and the query options a client uses on it.</summary>
public sealed class CompanyOnDateEndpointTests(ApiFactory api)
{
    private readonly HttpClient client = api.CreateClient();

    [Theory]
    [InlineData("2024-12-18", "jloi", "nobian-2023-11-21")]
    [InlineData("2024-12-20", "binding-agreement", "nobian-2024-12-19")]
    public async Task CompaniesOnDate_NobianAroundItsBindingAgreement_GivesThePhaseThen(string day, string phase, string change)
    {
        var (response, body) = await client.GetJsonAsync($"/v1/companiesOnDate(date={day})?$filter=companyId eq 'nobian'&$select=phaseId,isCertain,statusChangeId");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(body.GetProperty("value").EnumerateArray());
        Assert.Equal(phase, row.GetProperty("phaseId").GetString());
        Assert.True(row.GetProperty("isCertain").GetBoolean());
        Assert.Equal(change, row.GetProperty("statusChangeId").GetString());
    }

    [Fact]
    public async Task CompaniesOnDate_InsideAMonthPreciseChange_SaysItIsUncertainAndGivesThePhaseBefore()
    {
        var (_, body) = await client.GetJsonAsync("/v1/companiesOnDate(date=2025-07-15)?$filter=companyId eq 'dow-benelux'&$expand=company($select=name)");

        var row = Assert.Single(body.GetProperty("value").EnumerateArray());
        Assert.Equal("stopped", row.GetProperty("phaseId").GetString());
        Assert.False(row.GetProperty("isCertain").GetBoolean());
        Assert.Equal("on-hold", row.GetProperty("previousPhaseId").GetString());
        Assert.Equal("2025-07", row.GetProperty("changeDate").GetString());
        Assert.Equal("Dow Benelux", row.GetProperty("company").GetProperty("name").GetString());
    }

    [Fact]
    public async Task CompaniesOnDate_WithCountOrderByAndPaging_ListsEveryCompanyOnce()
    {
        var (rows, pages, count) = await client.WalkAsync("/v1/companiesOnDate(date=2024-06-30)?$orderby=phaseId desc&$select=companyId,phaseId&$count=true");
        var (_, companies) = await client.GetJsonAsync("/v1/companies/$count");

        Assert.Equal(companies.GetInt64(), count);
        Assert.Equal(count, rows.Count);
        Assert.True(pages > 1);
        Assert.Equal(rows.Count, rows.Select(r => r.GetProperty("companyId").GetString()).Distinct().Count());
        var phases = rows.Select(r => r.GetProperty("phaseId").GetString()).ToList();
        Assert.Equal(phases.OrderDescending(StringComparer.Ordinal), phases);
    }

    [Fact]
    public async Task CompaniesOnDate_GroupedByPhase_AddsUpToEveryCompany()
    {
        var (_, body) = await client.GetJsonAsync("/v1/companiesOnDate(date=2025-12-31)?$apply=groupby((phaseId),aggregate($count as companies))");
        var (_, companies) = await client.GetJsonAsync("/v1/companies/$count");

        var groups = body.GetProperty("value").EnumerateArray().ToList();
        Assert.Equal(companies.GetInt32(), groups.Sum(g => g.GetProperty("companies").GetInt32()));
        Assert.Contains(groups, g => g.GetProperty("phaseId").GetString() == "binding-agreement" && g.GetProperty("companies").GetInt32() == 2);
    }

    [Theory]
    [InlineData("/v1/companiesOnDate(date=2024-13-01)")]
    [InlineData("/v1/companiesOnDate(date=yesterday)")]
    [InlineData("/v1/companiesOnDate(date=2024-06-30)?$filter=noSuchProperty eq 1")]
    public async Task CompaniesOnDate_BadDayOrQuery_Is400Problem(string url)
    {
        var (response, body) = await client.GetJsonAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Metadata_DescribesTheFunctionAndItsRows()
    {
        var response = await client.GetStringAsync(new Uri("/v1/$metadata", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("<Function Name=\"companiesOnDate\">", response, StringComparison.Ordinal);
        Assert.Contains("<Parameter Name=\"date\" Type=\"Edm.Date\"", response, StringComparison.Ordinal);
        Assert.Contains("<ReturnType Type=\"Collection(Maatwerk.OpenData.CompanyOnDate)\"", response, StringComparison.Ordinal);
        Assert.Contains("<FunctionImport Name=\"companiesOnDate\"", response, StringComparison.Ordinal);
    }
}
