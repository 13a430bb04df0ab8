using System.Net;

namespace Maatwerk.OpenData.Api.Tests.Formats;

/// <summary>Every endpoint answers in the format its request negotiated, over HTTP, or with a 406 problem.</summary>
public sealed class ContentNegotiationTests(ApiFactory api)
{
    private readonly HttpClient client = api.CreateClient();

    private async Task<HttpResponseMessage> GetAsync(string url, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("/v1/$metadata", "application/json,*/*;q=0.9", "application/json")]
    [InlineData("/v1/$metadata", "application/xml;q=0.5,application/json", "application/json")]
    [InlineData("/v1/$metadata", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/xml; charset=utf-8")]
    [InlineData("/v1/$metadata?format=json", "application/xml", "application/json")]
    [InlineData("/v1/companies/$count", "text/plain", "text/plain; charset=utf-8")]
    [InlineData("/v1/companies/nobian/status-changes/$count", "text/plain", "text/plain; charset=utf-8")]
    [InlineData("/v1/companies/nobian/name/$value", "text/plain", "text/plain; charset=utf-8")]
    [InlineData("/v1/companies/$count", "application/json", "text/plain; charset=utf-8")]
    [InlineData("/v1", "application/json;odata.metadata=minimal", "application/json; odata.metadata=minimal; odata.streaming=true")]
    [InlineData("/v1/companies", "*/*", "application/json; odata.metadata=minimal; odata.streaming=true")]
    [InlineData("/v1/companies/nobian/name", null, "application/json; odata.metadata=minimal; odata.streaming=true")]
    public async Task Request_AcceptingAnOfferedFormat_IsAnsweredInIt(string url, string? accept, string contentType)
    {
        using var response = await GetAsync(url, accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.ToString());
    }

    [Theory]
    [InlineData("/v1/companies", "application/xml", null, "application/json")]
    [InlineData("/v1/companies/$count", "application/xml", null, "text/plain")]
    [InlineData("/v1/$metadata", "text/csv", null, "application/xml")]
    [InlineData("/v1/companies", null, "$format=atom", "$format=atom")]
    [InlineData("/v1/companies/nobian", null, "format=xml", "$format=json")]
    public async Task Request_AcceptingNothingOffered_Is406ProblemNamingTheFormatsOnOffer(string url, string? accept, string? query, string detail)
    {
        using var response = await GetAsync(query is null ? url : $"{url}?{query}", accept);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        ApiJson.AssertProblem(response, body.RootElement, 406);
        Assert.Contains(detail, body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_ForNoEndpoint_Is404WhateverItAccepts()
    {
        using var response = await GetAsync("/v1/no-such-collection", "application/xml");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
