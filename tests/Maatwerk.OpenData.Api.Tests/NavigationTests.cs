using System.Text.Json;
using Maatwerk.OpenData.Api.Versioning;

namespace Maatwerk.OpenData.Api.Tests;

/// <summary>
/// Navigation paths (<c>companies('nobian')/statusChanges</c>), the entity-set spelling of a collection
/// (<c>/v1/statusChanges</c>) and the OData key forms, as client libraries build them.
/// </summary>
public abstract class NavigationTests(ApiFactory api)
{
    // Asked for in each test, not in the constructor, so that a provider that is not configured skips the test.
    private HttpClient Client => field ??= api.CreateClient();

    public static TheoryData<string, string> EveryNavigation()
    {
        var data = new TheoryData<string, string>();
        foreach (var resource in V1.Definition.Resources)
        {
            foreach (var navigation in resource.Table.Navigations)
            {
                data.Add(resource.Path, navigation.Property);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryNavigation))]
    public async Task Navigate_EveryNavigationProperty_GivesTheRowsThatExpandGives(string path, string navigation)
    {
        var resource = V1.Definition.Resources.Single(r => r.Path == path);
        var id = resource.Examples.Id;
        var (_, parent) = await Client.GetJsonAsync($"/v1/{path}/{id}?$select=id&$expand={navigation}($select=id)");
        var expanded = parent.GetProperty(navigation);

        if (expanded.ValueKind == JsonValueKind.Array)
        {
            var (rows, _, _) = await Client.WalkAsync($"/v1/{resource.EntitySet}('{id}')/{navigation}");
            Assert.Equal(expanded.EnumerateArray().Ids().Order(StringComparer.Ordinal), rows.Ids().Order(StringComparer.Ordinal));
            var (_, count) = await GetTextAsync($"/v1/{path}/{id}/{navigation}/$count");
            Assert.Equal(rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), count);
        }
        else
        {
            var (response, row) = await Client.GetJsonAsync($"/v1/{resource.EntitySet}('{id}')/{navigation}");
            if (expanded.ValueKind == JsonValueKind.Null)
            {
                Assert.Equal(204, (int)response.StatusCode);
            }
            else
            {
                Assert.Equal(200, (int)response.StatusCode);
                Assert.Equal(expanded.GetProperty("id").GetString(), row.GetProperty("id").GetString());
                Assert.EndsWith("/$entity", row.GetProperty("@odata.context").GetString(), StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("/v1/companies('nobian')/statusChanges")]
    [InlineData("/v1/companies/nobian/statusChanges")]
    [InlineData("/v1/companies(id='nobian')/statusChanges")]
    [InlineData("/v1/companies(%27nobian%27)/status-changes")]
    public async Task ListCompanyStatusChanges_EverySpelling_IsACollectionWithPaging(string url)
    {
        var (response, body) = await Client.GetJsonAsync(url + "?$top=3&$count=true&$orderby=periodStart");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("http://localhost/v1/$metadata#statusChanges", body.GetProperty("@odata.context").GetString());
        Assert.Equal(4, body.GetProperty("@odata.count").GetInt64());
        Assert.Equal(["nobian-2022-12-12", "nobian-2023-06", "nobian-2023-11-21"], body.GetProperty("value").EnumerateArray().Ids());
        Assert.False(body.TryGetProperty("@odata.nextLink", out _));

        var (all, pages, _) = await Client.WalkAsync(url + "?$top=2");
        Assert.Equal(["nobian-2022-12-12", "nobian-2023-06"], all.Ids());
        Assert.Equal(1, pages);
    }

    [Fact]
    public async Task Navigate_SingleValued_ReadsTheRelatedEntityWithSelectAndExpand()
    {
        var (response, body) = await Client.GetJsonAsync("/v1/status-changes('nobian-2024-12-19')/company?$select=id,name&$expand=currentPhase($select=id)");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("nobian", body.GetProperty("id").GetString());
        Assert.Equal("binding-agreement", body.GetProperty("currentPhase").GetProperty("id").GetString());
        Assert.Equal("http://localhost/v1/$metadata#companies(id,name,currentPhase(id))/$entity", body.GetProperty("@odata.context").GetString());

        var (phase, phaseBody) = await Client.GetJsonAsync("/v1/companies('nobian')/currentPhase");
        Assert.Equal(200, (int)phase.StatusCode);
        Assert.Equal("binding-agreement", phaseBody.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("/v1/companies('frieslandcampina')/currentPhase", 204)]
    [InlineData("/v1/companies/no-such-company/current-phase", 404)]
    [InlineData("/v1/status-changes('no-such-change')/company", 404)]
    [InlineData("/v1/companies('no-such-company')/statusChanges", 404)]
    [InlineData("/v1/companies('no-such-company')/statusChanges/$count", 404)]
    public async Task Navigate_EmptyOrMissing_Is204OrA404Problem(string url, int status)
    {
        var (response, body) = await Client.GetJsonAsync(url);

        if (status == 404)
        {
            ApiJson.AssertProblem(response, body, 404);
            Assert.Contains("no-such-", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(status, (int)response.StatusCode);
        }
    }

    [Fact]
    public async Task Navigate_EmptyCollection_IsAnEmptyCollection()
    {
        var (response, body) = await Client.GetJsonAsync("/v1/companies('exxonmobil')/agreedReductions");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(0, body.GetProperty("value").GetArrayLength());
    }

    [Theory]
    [InlineData("/v1/statusChanges", "/v1/status-changes")]
    [InlineData("/v1/agreedReductions", "/v1/agreed-reductions")]
    [InlineData("/v1/statusChanges('nobian-2024-12-19')", "/v1/status-changes/nobian-2024-12-19")]
    [InlineData("/v1/statusChanges/$count", "/v1/status-changes/$count")]
    public async Task EntitySetName_AsPath_IsTheSameResourceAsTheDocumentedPath(string odata, string documented)
    {
        var first = await Client.GetAsync(new Uri(odata, UriKind.Relative), TestContext.Current.CancellationToken);
        var second = await Client.GetAsync(new Uri(documented, UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal(second.Headers.ETag, first.Headers.ETag);
        Assert.NotNull(first.Headers.ETag);
        Assert.Equal(
            (await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Replace(documented, odata, StringComparison.Ordinal),
            body);
    }

    [Fact]
    public async Task EntitySetName_NextLink_KeepsTheSpellingOfTheRequest()
    {
        var (rows, pages, _) = await Client.WalkAsync("/v1/statusChanges");
        var (_, first) = await Client.GetJsonAsync("/v1/statusChanges");

        Assert.Equal(39, rows.Count);
        Assert.True(pages > 1);
        Assert.StartsWith("http://localhost/v1/statusChanges?", first.GetProperty("@odata.nextLink").GetString(), StringComparison.Ordinal);
        Assert.Equal("http://localhost/v1/$metadata#statusChanges", first.GetProperty("@odata.context").GetString());
    }

    [Theory]
    [InlineData("/v1/companies(id='nobian')")]
    [InlineData("/v1/companies('nobian')")]
    [InlineData("/v1/companies(%27nobian%27)")]
    [InlineData("/v1/companies(id=%27nobian%27)")]
    public async Task GetCompany_KeyForms_AreTheSameResource(string url)
    {
        var (_, segment) = await Client.GetJsonAsync("/v1/companies/nobian");
        var (response, body) = await Client.GetJsonAsync(url);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(segment.ToString(), body.ToString());
    }

    [Theory]
    [InlineData("/v1/companies('o''brien')", "o'brien")]
    [InlineData("/v1/companies('o%27%27brien')", "o'brien")]
    [InlineData("/v1/companies(name='nobian')", null)]
    public async Task GetCompany_QuotedOrWrongKey_IsA404NamingTheKey(string url, string? key)
    {
        var (response, body) = await Client.GetJsonAsync(url);

        ApiJson.AssertProblem(response, body, 404);
        if (key is not null)
        {
            Assert.Contains($"'{key}'", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Select_NavigationPropertyWithExpand_AsPowerQueryBuildsIt_ExpandsIt()
    {
        var (response, body) = await Client.GetJsonAsync(
            "/v1/companies?$select=id,currentPhaseId,currentPhase&$expand=currentPhase($select=id,nameEn)&$filter=id eq 'nobian'");

        Assert.Equal(200, (int)response.StatusCode);
        var row = Assert.Single(body.GetProperty("value").EnumerateArray());
        Assert.Equal(["id", "currentPhaseId", "currentPhase"], row.EnumerateObject().Select(p => p.Name));
        Assert.Equal("binding-agreement", row.GetProperty("currentPhase").GetProperty("id").GetString());
        Assert.Equal(["id", "nameEn"], row.GetProperty("currentPhase").EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("sites/province", "sites($select=province)")]
    [InlineData("id,sites/province,sites/name", "id,sites($select=name,province)")]
    public async Task Select_PathIntoSites_IsTheNestedSelect(string path, string nested)
    {
        var (response, body) = await Client.GetJsonAsync($"/v1/companies/nobian?$select={path}");
        var (_, expected) = await Client.GetJsonAsync($"/v1/companies/nobian?$select={nested}");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(expected.ToString(), body.ToString());
        Assert.All(body.GetProperty("sites").EnumerateArray(), s => Assert.True(s.TryGetProperty("province", out _)));
    }

    private async Task<(int Status, string Body)> GetTextAsync(string url)
    {
        var response = await Client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}

/// <summary>The navigation paths, on the embedded SQLite database.</summary>
public sealed class NavigationTestsOnSqlite(ApiFactory api) : NavigationTests(api);

/// <summary>The navigation paths, on SQL Server (skipped unless <c>MAATWERK_TEST_SQLSERVER</c> is set).</summary>
public sealed class NavigationTestsOnSqlServer(SqlServerApiFactory api) : NavigationTests(api);
