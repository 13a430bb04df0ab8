using System.Xml.Linq;

namespace Maatwerk.OpenData.Api.Tests;

/// <summary>Every endpoint answers as OData v4 JSON over the real, sourced data.</summary>
public abstract class EndpointTests(ApiFactory api)
{
    // Asked for in each test, not in the constructor, so that a provider that is not configured skips the test.
    private HttpClient Client => field ??= api.CreateClient();

    [Theory]
    [InlineData("/v1/phases", 8)]
    [InlineData("/v1/status-changes", 39)]
    [InlineData("/v1/agreed-reductions", 33)]
    [InlineData("/v1/sources", 101)]
    [InlineData("/v1/programme-events", 18)]
    public async Task ListCollection_NoOptions_WalksAllRowsOverPages(string url, int rows)
    {
        var (all, pages, _) = await Client.WalkAsync(url);

        Assert.Equal(rows, all.Count);
        Assert.Equal((rows + ApiFactory.PageSize - 1) / ApiFactory.PageSize, pages);
        Assert.Equal(all.Ids().Order(StringComparer.Ordinal), all.Ids());
        Assert.Equal(rows, all.Ids().Distinct().Count());
    }

    [Fact]
    public async Task ListCompanies_NoOrderBy_ListsCompaniesInTheOrderTheyEnteredTheProgramme()
    {
        var (all, pages, _) = await Client.WalkAsync("/v1/companies");

        Assert.Equal(16, all.Count);
        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(1, 16), all.Select(r => r.GetProperty("programmeOrder").GetInt32()));
        Assert.Equal(["tata-steel-nederland", "dow-benelux", "nobian", "oci", "shell-nederland"], all.Ids().Take(5));
        Assert.Equal("frieslandcampina", all.Ids()[^1]);
    }

    [Theory]
    [InlineData("/v1/companies/nobian", "companies")]
    [InlineData("/v1/phases/jloi", "phases")]
    [InlineData("/v1/status-changes/nobian-2024-12-19", "statusChanges")]
    [InlineData("/v1/agreed-reductions/nobian-binding-agreement-co2", "agreedReductions")]
    [InlineData("/v1/sources/s009", "sources")]
    [InlineData("/v1/programme-events/2025-06-30-voortgang-maatwerkafspraken", "programmeEvents")]
    public async Task GetById_KnownId_ReturnsTheEntityWithItsContext(string url, string entitySet)
    {
        var (response, body) = await Client.GetJsonAsync(url);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.ContentType()?.MediaType);
        Assert.Equal("4.0", response.Headers.GetValues("OData-Version").Single());
        Assert.Equal($"http://localhost/v1/$metadata#{entitySet}/$entity", body.GetProperty("@odata.context").GetString());
        Assert.Equal(url[(url.LastIndexOf('/') + 1)..], body.GetProperty("id").GetString());
        if (entitySet != "sources")
        {
            Assert.NotEmpty(body.GetProperty("sourceIds").EnumerateArray());
        }
    }

    [Fact]
    public async Task GetCompany_Nobian_ShowsItsBindingAgreementOf19December2024()
    {
        var (_, body) = await Client.GetJsonAsync("/v1/companies/nobian");

        Assert.Equal("binding-agreement", body.GetProperty("currentPhaseId").GetString());
        Assert.Equal("2024-12-19", body.GetProperty("currentPhaseAsOf").GetString());
        Assert.Equal("day", body.GetProperty("currentPhaseAsOfPrecision").GetString());
        Assert.Equal(3, body.GetProperty("sites").GetArrayLength());
        Assert.Contains("s009", body.GetProperty("sourceIds").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task GetCompany_ODataKeyForm_IsTheSameResource()
    {
        var (_, segment) = await Client.GetJsonAsync("/v1/companies/tata-steel-nederland");
        var (response, parentheses) = await Client.GetJsonAsync("/v1/companies('tata-steel-nederland')");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(segment.ToString(), parentheses.ToString());
    }

    [Fact]
    public async Task ListCompanies_FilterOnJLoIPhase_ReturnsExactlyTheJLoICompanies()
    {
        var (rows, _, _) = await Client.WalkAsync("/v1/companies?$filter=currentPhaseId eq 'jloi'");

        Assert.Equal(["tata-steel-nederland", "anqore", "alco-energy-rotterdam"], rows.Ids());
    }

    [Theory]
    [InlineData("/v1/companies/nobian/status-changes", "nobian-2022-12-12,nobian-2023-06,nobian-2023-11-21,nobian-2024-12-19")]
    [InlineData("/v1/companies/nobian/agreed-reductions", "nobian-binding-agreement-co2,nobian-binding-agreement-nox,nobian-eop-co2,nobian-jloi-co2")]
    [InlineData("/v1/companies/cosun/status-changes?$filter=toPhaseId eq 'binding-agreement'", "cosun-2025-12-18")]
    [InlineData("/v1/companies/nobian/status-changes?$filter=toPhaseId eq 'stopped'", "")]
    public async Task ListChildren_OfACompany_ReturnsOnlyThatCompanysRows(string url, string ids)
    {
        var (rows, _, _) = await Client.WalkAsync(url);

        Assert.Equal(ids, string.Join(",", rows.Ids()));
        Assert.All(rows, r => Assert.Equal(url.Split('/')[3], r.GetProperty("companyId").GetString()));
    }

    [Fact]
    public async Task ServiceDocument_ListsEveryCollectionWithItsPath()
    {
        var (response, body) = await Client.GetJsonAsync("/v1");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("http://localhost/v1/$metadata", body.GetProperty("@odata.context").GetString());
        var sets = body.GetProperty("value").EnumerateArray()
            .Select(e => (e.GetProperty("name").GetString(), e.GetProperty("kind").GetString(), e.GetProperty("url").GetString()));
        Assert.Equal(
            [("companies", "EntitySet", "companies"), ("phases", "EntitySet", "phases"), ("statusChanges", "EntitySet", "status-changes"),
             ("agreedReductions", "EntitySet", "agreed-reductions"), ("sources", "EntitySet", "sources"),
             ("programmeEvents", "EntitySet", "programme-events")],
            sets);
    }

    [Fact]
    public async Task Metadata_Default_IsCsdlXmlWithEveryEntityType()
    {
        var response = await Client.GetAsync(new Uri("/v1/$metadata", UriKind.Relative), TestContext.Current.CancellationToken);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal("application/xml", response.ContentType()?.MediaType);
        var types = xml.Descendants().Where(e => e.Name.LocalName == "EntityType").Select(e => e.Attribute("Name")!.Value);
        Assert.Equal(["AgreedReduction", "Company", "CompanyOnDate", "Phase", "ProgrammeEvent", "Source", "StatusChange"], types.Order(StringComparer.Ordinal));
        var company = xml.Descendants().Single(e => e.Name.LocalName == "EntityType" && e.Attribute("Name")!.Value == "Company");
        Assert.Contains(company.Elements(), p => p.Attribute("Name")?.Value == "currentPhaseId");
    }

    [Theory]
    [InlineData("/v1/$metadata?$format=json", null)]
    [InlineData("/v1/$metadata", "application/json")]
    public async Task Metadata_JsonRequested_IsCsdlJson(string url, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal("application/json", response.ContentType()?.MediaType);
        Assert.Equal("4.0", json.RootElement.GetProperty("$Version").GetString());
        Assert.Equal("EntityType", json.RootElement.GetProperty("Maatwerk.OpenData").GetProperty("Company").GetProperty("$Kind").GetString());
    }

    [Fact]
    public async Task ProgrammeEvent_StartingDocument_KeepsItsDatePaperAndSources()
    {
        var (_, body) = await Client.GetJsonAsync("/v1/programme-events/2025-06-30-voortgang-maatwerkafspraken?$expand=sources($select=id)");

        Assert.Equal("2025-06-30", body.GetProperty("date").GetString());
        Assert.Equal("day", body.GetProperty("datePrecision").GetString());
        Assert.Equal("letter-to-parliament", body.GetProperty("kind").GetString());
        Assert.Equal("29 826 / 32 813, nr. 260", body.GetProperty("parliamentaryPaper").GetString());
        Assert.Equal(["s001", "s002", "s003"], body.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task ProgrammeEvents_OfAMonth_CoverTheWholeMonthAndFilterOnSources()
    {
        var (_, body) = await Client.GetJsonAsync("/v1/programme-events?$filter=sources/any(s: s/id eq 's065')&$select=id,periodStart,periodEnd");

        var row = Assert.Single(body.GetProperty("value").EnumerateArray());
        Assert.Equal("2024-03-eleven-eops", row.GetProperty("id").GetString());
        Assert.Equal("2024-03-01", row.GetProperty("periodStart").GetString());
        Assert.Equal("2024-03-31", row.GetProperty("periodEnd").GetString());
    }

    [Fact]
    public async Task Source_CitedByProgrammeEvents_ListsThemThroughItsNavigation()
    {
        var (rows, _, _) = await Client.WalkAsync("/v1/sources?$filter=programmeEvents/any()&$expand=programmeEvents($select=id)&$select=id");

        var citing = rows
            .ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("programmeEvents").EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList());
        Assert.Equal(28, citing.Values.Sum(e => e.Count));
        Assert.Equal(["2022-07-08-zomerbrief-maatwerk", "2022-11-08-answers-zomerbrief"], citing["s016"]);
    }
}

/// <summary>The resource endpoints and paging, on the embedded SQLite database.</summary>
public sealed class EndpointTestsOnSqlite(ApiFactory api) : EndpointTests(api);

/// <summary>The resource endpoints and paging, on SQL Server (skipped unless <c>MAATWERK_TEST_SQLSERVER</c> is set).</summary>
public sealed class EndpointTestsOnSqlServer(SqlServerApiFactory api) : EndpointTests(api);
