using System.Net;

namespace Maatwerk.OpenData.Api.Tests.Contract;

/// <summary>
/// The API Design Rules (ADR 2.1) a response can show: the full version on every response, no
/// trailing-slash aliases, the OpenAPI document open to every origin, security headers, and HTTP
/// caching that never serves another release's data.
/// </summary>
public sealed class AdrConformanceTests(ApiFactory api)
{
    [Theory]
    [InlineData("GET", "/v1", HttpStatusCode.OK)]
    [InlineData("GET", "/v1/companies", HttpStatusCode.OK)]
    [InlineData("GET", "/v1/$metadata", HttpStatusCode.OK)]
    [InlineData("GET", "/v1/openapi.json", HttpStatusCode.OK)]
    [InlineData("GET", "/v1/companies?$filter=nosuch eq 1", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/v1/companies/no-such-company", HttpStatusCode.NotFound)]
    [InlineData("GET", "/no-such-path", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/v1/companies/nobian", HttpStatusCode.MethodNotAllowed)]
    [InlineData("OPTIONS", "/v1/companies", HttpStatusCode.NoContent)]
    public async Task ApiVersionHeader_EveryResponse_CarriesTheFullVersion(string method, string url, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative));
        using var response = await api.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("1.2.0", Assert.Single(response.Headers.GetValues("API-Version")));
    }

    [Theory]
    [InlineData("/v1/companies/")]
    [InlineData("/v1/companies/nobian/")]
    public async Task TrailingSlash_Is404ProblemNotARedirect(string url)
    {
        var client = api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var (response, body) = await client.GetJsonAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"Paths do not end with a slash: use {url.TrimEnd('/')}.", body.GetProperty("detail").GetString());
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("/v1/openapi.json", "application/json")]
    [InlineData("/v1/openapi.yaml", "text/yaml")]
    public async Task OpenApiDocument_WithoutCredentialsOrOrigin_IsOpenToEveryOrigin(string url, string mediaType)
    {
        using var response = await api.CreateClient().GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Theory]
    [InlineData("/v1/companies")]
    [InlineData("/v1/companies/no-such-company")]
    [InlineData("/docs/index.html")]
    public async Task SecurityHeaders_AreOnEveryResponse(string url)
    {
        using var response = await api.CreateClient().GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Caching_SameRequestWithItsETag_Is304WithoutABody()
    {
        var client = api.CreateClient();
        using var first = await client.GetAsync(new Uri("/v1/companies?$filter=sector eq 'steel'", UriKind.Relative), TestContext.Current.CancellationToken);
        var etag = first.Headers.ETag;

        Assert.NotNull(etag);
        Assert.True(etag.IsWeak);
        Assert.Equal("public, max-age=300", first.Headers.CacheControl?.ToString());
        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("/v1/companies?$filter=sector eq 'steel'", UriKind.Relative));
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(again, TestContext.Current.CancellationToken);
        using var other = new HttpRequestMessage(HttpMethod.Get, new Uri("/v1/companies?$filter=sector eq 'chemicals'", UriKind.Relative));
        other.Headers.IfNoneMatch.Add(etag);
        using var otherQuery = await client.SendAsync(other, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, otherQuery.StatusCode);
        Assert.NotEqual(etag, otherQuery.Headers.ETag);
    }

    [Fact]
    public async Task Caching_Errors_AreNotStored()
    {
        using var response = await api.CreateClient().GetAsync(new Uri("/v1/companies?$top=x", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.ETag);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Changelog_IsServedAsMarkdownWithTheCurrentVersion()
    {
        using var response = await api.CreateClient().GetAsync(new Uri("/changelog", UriKind.Relative), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("## 1.0.0", text, StringComparison.Ordinal);
    }
}
