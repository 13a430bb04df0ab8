namespace Maatwerk.OpenData.Api.Tests;

/// <summary>Bad input gets a problem+json that says what is wrong, never a 500.</summary>
public sealed class ErrorTests(ApiFactory api)
{
    private readonly HttpClient client = api.CreateClient();

    [Theory]
    [InlineData("/v1/companies?$filter=", "cannot be empty")]
    [InlineData("/v1/companies?$skiptoken", "$skiptoken cannot be empty")]
    [InlineData("/v1/companies?$top=1&top=2", "$top is given more than once")]
    [InlineData("/v1/companies?$filter =inTop20&$filter=inTop20", "$filter is given more than once")]
    [InlineData("/V1/companies?$top=1&Top=2", "is given more than once")]
    [InlineData("/v1/companies?=1", "has no name")]
    [InlineData("/v1/sources/s009?$expand=$ref($top=1,$expand=statusChanges)", "could not be read")]
    [InlineData("/v1/companies?$filter=nosuchfield eq 1", "nosuchfield")]
    [InlineData("/v1/companies?$filter=name eq", "Expression expected")]
    [InlineData("/v1/companies?$filter=name eq 'unterminated", "unterminated")]
    [InlineData("/v1/companies?$filter=inTop20 eq 'yes'", "incompatible types")]
    [InlineData("/v1/companies?$orderby=description", "'description' cannot be used in $orderby")]
    [InlineData("/v1/companies?$orderby=name sideways", "sideways")]
    [InlineData("/v1/companies?$top=abc", "abc")]
    [InlineData("/v1/companies?$top=-1", "-1")]
    [InlineData("/v1/companies?$top=10001", "The limit of '10000' for Top")]
    [InlineData("/v1/companies?$skip=-5", "-5")]
    [InlineData("/v1/companies?$count=maybe", "maybe")]
    [InlineData("/v1/companies?$select=nosuchfield", "nosuchfield")]
    [InlineData("/v1/companies?$nosuchoption=1", "$nosuchoption")]
    [InlineData("/v1/companies/nobian?$filter=id eq 'nobian'", "$filter applies to collections")]
    [InlineData("/v1/agreed-reductions?$filter=contains(note, null)", "must be a string, not null")]
    public async Task Query_Invalid_Returns400ProblemNamingTheProblem(string url, string detail)
    {
        var (response, body) = await client.GetJsonAsync(url);

        ApiJson.AssertProblem(response, body, 400);
        Assert.Contains(detail, body.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/v1/companies?$expand=statusChanges($search=nobian)", "$search")]
    [InlineData("/v1/companies?$apply=groupby((sector))&$filter=sector eq 'steel'", "filter(...)")]
    [InlineData("/v1/companies?$apply=compute(length(name) as n)", "Compute")]
    [InlineData("/v1/companies?$search=steel", "$search")]
    [InlineData("/v1/agreed-reductions?$filter=round(amount) eq 1", "'round'")]
    [InlineData("/v1/status-changes?$filter=periodStart add duration'P1D' gt 2025-01-01", "Edm.Duration")]
    [InlineData("/v1/companies?$select=id,sites($top=1)", "nested inside $select")]
    [InlineData("/v1/companies?$filter=cast(programmeOrder,Edm.String) eq '3'", "'cast'")]
    public async Task Query_UnimplementedODataFeature_Returns501Problem(string url, string detail)
    {
        var (response, body) = await client.GetJsonAsync(url);

        ApiJson.AssertProblem(response, body, 501);
        Assert.Contains(detail, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/companies/no-such-company")]
    [InlineData("/v1/phases/no-such-phase")]
    [InlineData("/v1/status-changes/no-such-change")]
    [InlineData("/v1/agreed-reductions/no-such-reduction")]
    [InlineData("/v1/sources/no-such-source")]
    [InlineData("/v1/companies/no-such-company/status-changes")]
    [InlineData("/v1/companies/no-such-company/agreed-reductions")]
    [InlineData("/v1/companies('no-such-company')")]
    public async Task GetById_UnknownId_Returns404ProblemWithTheId(string url)
    {
        var (response, body) = await client.GetJsonAsync(url);

        ApiJson.AssertProblem(response, body, 404);
        Assert.Contains("'no-such-", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/no-such-collection", "Nothing is published at")]
    [InlineData("/v1/companies/", "use /v1/companies")]
    [InlineData("/v2/companies", "Nothing is published at")]
    public async Task UnknownPath_Returns404Problem(string url, string detail)
    {
        var (response, body) = await client.GetJsonAsync(url);

        ApiJson.AssertProblem(response, body, 404);
        Assert.Contains(detail, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "/v1/companies")]
    [InlineData("PUT", "/v1/companies/nobian")]
    [InlineData("PATCH", "/v1/companies/nobian")]
    [InlineData("DELETE", "/v1/companies/nobian")]
    [InlineData("POST", "/v1/$metadata")]
    public async Task WriteMethod_AnyResource_Returns405ProblemAllowingReadsOnly(string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent("{}") };

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

        ApiJson.AssertProblem(response, body, 405);
        Assert.Equal("GET, HEAD, OPTIONS", string.Join(", ", response.Content.Headers.Allow));
    }

    [Fact]
    public async Task Format_NotJson_Returns406Problem()
    {
        var (response, body) = await client.GetJsonAsync("/v1/companies?$format=xml");

        ApiJson.AssertProblem(response, body, 406);
    }
}
