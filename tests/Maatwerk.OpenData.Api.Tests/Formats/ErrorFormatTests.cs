using System.Net;

namespace Maatwerk.OpenData.Api.Tests.Formats;

/// <summary>
/// Errors in the form the client can read: RFC 9457 problem details for people and ADR tools, the
/// OData JSON error object for OData client libraries; the same status, code and message in both.
/// </summary>
public sealed class ErrorFormatTests(ApiFactory api)
{
    private readonly HttpClient client = api.CreateClient();

    public static readonly TheoryData<string, int, string> Errors = new()
    {
        { "/v1/companies?$filter=nosuch eq 1", 400, "InvalidQuery" },
        { "/v1/companies/no-such-company", 404, "NotFound" },
        { "/v1/no-such-collection", 404, "NotFound" },
        { "/v1/companies?$search=steel", 501, "NotImplemented" },
        { "/v1/companies?$format=atom", 406, "NotAcceptable" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task Error_ToAnODataClient_IsTheODataErrorObjectWithTheProblemsCodeAndMessage(string url, int status, string code)
    {
        var (problemResponse, problem) = await client.GetJsonAsync(url);
        var (response, odata) = await client.GetJsonAsync(url, ("OData-MaxVersion", "4.0"), ("Accept", "application/json;odata.metadata=minimal"));

        ApiJson.AssertProblem(problemResponse, problem, status);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = odata.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal(problem.GetProperty("detail").GetString(), error.GetProperty("message").GetString());
        Assert.Equal(["error"], odata.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData(true, "OData-MaxVersion", "4.0")]
    [InlineData(true, "OData-Version", "4.01")]
    [InlineData(true, "Accept", "application/json;odata.metadata=minimal")]
    [InlineData(true, "Accept", "application/json;IEEE754Compatible=true")]
    [InlineData(false, "Accept", "application/json")]
    [InlineData(false, "Accept", "*/*")]
    [InlineData(false, "Accept", "application/problem+json, application/json;odata.metadata=minimal")]
    [InlineData(false, "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")]
    [InlineData(false, "X-Other", "none")]
    public async Task Error_Form_FollowsWhetherTheClientSignalsOData(bool odata, string header, string value)
    {
        var (response, body) = await client.GetJsonAsync("/v1/companies/no-such-company", (header, value));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(odata ? "application/json" : "application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(odata, body.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task Error_ProblemJsonAcceptedAlongsideODataHeaders_StaysAProblem()
    {
        var (response, body) = await client.GetJsonAsync("/v1/companies?$top=x", ("OData-MaxVersion", "4.0"), ("Accept", "application/json;odata.metadata=minimal, application/problem+json"));

        ApiJson.AssertProblem(response, body, 400);
        Assert.Equal("InvalidQuery", body.GetProperty("code").GetString());
    }
}
