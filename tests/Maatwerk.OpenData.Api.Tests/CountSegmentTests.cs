namespace Maatwerk.OpenData.Api.Tests;

/// <summary>/$count gives the number of matching rows as plain text, computed in the database.</summary>
public abstract class CountSegmentTests(ApiFactory api)
{
    // Asked for in each test, not in the constructor, so that a provider that is not configured skips the test.
    private HttpClient Client => field ??= api.CreateClient();

    [Theory]
    [InlineData("/v1/companies/$count", "16")]
    [InlineData("/v1/phases/$count", "8")]
    [InlineData("/v1/status-changes/$count", "39")]
    [InlineData("/v1/agreed-reductions/$count", "33")]
    [InlineData("/v1/sources/$count", "101")]
    [InlineData("/v1/companies/$count?$filter=currentPhaseId eq 'stopped'", "6")]
    [InlineData("/v1/agreed-reductions/$count?$filter=substance eq 'N2O'&$top=1", "2")]
    public async Task Count_Collection_IsThePlainNumberOfMatchingRows(string url, string count)
    {
        var response = await Client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(count, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Count_InvalidFilter_Returns400Problem()
    {
        var (response, body) = await Client.GetJsonAsync("/v1/companies/$count?$filter=nosuch eq 1");

        ApiJson.AssertProblem(response, body, 400);
    }
}

/// <summary>The /$count segments, on the embedded SQLite database.</summary>
public sealed class CountSegmentTestsOnSqlite(ApiFactory api) : CountSegmentTests(api);

/// <summary>The /$count segments, on SQL Server (skipped unless <c>MAATWERK_TEST_SQLSERVER</c> is set).</summary>
public sealed class CountSegmentTestsOnSqlServer(SqlServerApiFactory api) : CountSegmentTests(api);
