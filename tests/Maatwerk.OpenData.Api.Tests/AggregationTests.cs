namespace Maatwerk.OpenData.Api.Tests;

/// <summary>The dashboard questions $apply answers, with the figures the data holds.</summary>
public abstract class AggregationTests(ApiFactory api)
{
    // Asked for in each test, not in the constructor, so that a provider that is not configured skips the test.
    private HttpClient Client => field ??= api.CreateClient();

    [Fact]
    public async Task Apply_CompaniesPerPhase_CountsEveryCompanyOnceInGroupOrder()
    {
        var (response, body) = await Client.GetJsonAsync("/v1/companies?$apply=groupby((currentPhaseId),aggregate($count as companies))&$count=true");

        Assert.Equal(200, (int)response.StatusCode);
        var rows = body.GetProperty("value").EnumerateArray()
            .Select(r => (r.GetProperty("currentPhaseId").GetString(), r.GetProperty("companies").GetInt32())).ToList();
        Assert.Equal(
            [(null, 1), ("binding-agreement", 2), ("eop", 3), ("jloi", 3), ("on-hold", 1), ("stopped", 6)],
            rows);
        Assert.Equal(6, body.GetProperty("@odata.count").GetInt64());
        Assert.Equal("http://localhost/v1/$metadata#companies(currentPhaseId,companies)", body.GetProperty("@odata.context").GetString());
    }

    [Fact]
    public async Task Apply_CO2InMegatonnesPerPhase_SumsInTheDatabaseLargestFirst()
    {
        var (_, body) = await Client.GetJsonAsync(
            "/v1/agreed-reductions?$apply=filter(substance eq 'CO2' and unit eq 'Mt CO2/yr')/groupby((phaseId),aggregate(amount with sum as total,$count as reductions))&$orderby=total desc");

        var rows = body.GetProperty("value").EnumerateArray()
            .Select(r => (r.GetProperty("phaseId").GetString(), r.GetProperty("total").GetDecimal(), r.GetProperty("reductions").GetInt32())).ToList();
        Assert.Equal("eop", rows[0].Item1);
        Assert.Equal(rows.OrderByDescending(r => r.Item2).ToList(), rows);
        Assert.Equal(
            (await Client.WalkAsync("/v1/agreed-reductions?$filter=substance eq 'CO2' and unit eq 'Mt CO2/yr' and amount ne null")).Rows
                .Sum(r => r.GetProperty("amount").GetDecimal()),
            rows.Sum(r => r.Item2));
    }

    [Fact]
    public async Task Apply_GroupByRelatedProperty_NestsTheGroupingValue()
    {
        var (_, body) = await Client.GetJsonAsync("/v1/status-changes?$apply=groupby((company/sector),aggregate(id with countdistinct as changes))");

        var steel = body.GetProperty("value").EnumerateArray().Single(r => r.GetProperty("company").GetProperty("sector").GetString() == "steel");
        Assert.Equal(6, steel.GetProperty("changes").GetInt32());
    }

    [Fact]
    public async Task Apply_AggregateOverNoRows_ReturnsNoRow()
    {
        var (_, body) = await Client.GetJsonAsync("/v1/agreed-reductions?$apply=filter(amount gt 1000000)/aggregate(amount with sum as total)");

        Assert.Empty(body.GetProperty("value").EnumerateArray());
    }

    [Fact]
    public async Task Apply_OfOneCompany_AggregatesItsChildrenOnly()
    {
        var (_, body) = await Client.GetJsonAsync("/v1/companies/nobian/agreed-reductions?$apply=aggregate($count as n,targetYear with max as last)");

        var row = Assert.Single(body.GetProperty("value").EnumerateArray());
        Assert.Equal(4, row.GetProperty("n").GetInt32());
        Assert.Equal(2030, row.GetProperty("last").GetInt32());
    }

    [Fact]
    public async Task Apply_MoreGroupsThanAPage_PagesByLink()
    {
        var (rows, pages, _) = await Client.WalkAsync("/v1/sources?$apply=groupby((publisher))");

        Assert.Equal(57, rows.Count);
        Assert.True(pages > 1);
        Assert.Equal(rows.Select(r => r.GetProperty("publisher").GetString()).Order(StringComparer.Ordinal), rows.Select(r => r.GetProperty("publisher").GetString()));
    }
}

/// <summary>The $apply aggregations, on the embedded SQLite database.</summary>
public sealed class AggregationTestsOnSqlite(ApiFactory api) : AggregationTests(api);

/// <summary>The $apply aggregations, on SQL Server (skipped unless <c>MAATWERK_TEST_SQLSERVER</c> is set).</summary>
public sealed class AggregationTestsOnSqlServer(SqlServerApiFactory api) : AggregationTests(api);
