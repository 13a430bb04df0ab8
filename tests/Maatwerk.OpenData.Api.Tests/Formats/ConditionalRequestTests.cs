using System.Net;

namespace Maatwerk.OpenData.Api.Tests.Formats;

/// <summary>
/// Conditional requests as browsers and proxies send them: a 304 carries what the 200 would (CORS,
/// Vary, ETag, caching), and If-None-Match uses the weak comparison.
/// </summary>
public sealed class ConditionalRequestTests(ApiFactory api)
{
    private const string Url = "/v1/companies?$filter=sector eq 'steel'";

    private readonly HttpClient client = api.CreateClient();

    private async Task<HttpResponseMessage> GetAsync(string? ifNoneMatch, string? origin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Url, UriKind.Relative));
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : string.Empty;

    [Fact]
    public async Task NotModified_FromABrowserDashboard_CarriesTheCorsHeadersAndVaryOfThe200()
    {
        using var ok = await GetAsync(null, "https://dashboard.example.org");
        var etag = ok.Headers.ETag!.ToString();
        using var notModified = await GetAsync(etag, "https://dashboard.example.org");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal("*", Header(notModified, "Access-Control-Allow-Origin"));
        foreach (var name in new[] { "Access-Control-Allow-Origin", "Access-Control-Expose-Headers", "Vary", "ETag", "Cache-Control", "API-Version" })
        {
            Assert.Equal(Header(ok, name), Header(notModified, name));
        }
    }

    [Theory]
    [InlineData("{weak}")]
    [InlineData("{strong}")]
    [InlineData("\"other\", {weak}")]
    [InlineData("W/\"other\",{strong}")]
    [InlineData("*")]
    public async Task IfNoneMatch_WeakComparisonOrAny_Is304(string condition)
    {
        using var ok = await GetAsync(null);
        var weak = ok.Headers.ETag!.ToString();
        var strong = weak[2..];

        using var response = await GetAsync(condition.Replace("{weak}", weak, StringComparison.Ordinal).Replace("{strong}", strong, StringComparison.Ordinal));

        Assert.StartsWith("W/\"", weak, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("\"other\"")]
    [InlineData("W/\"other\"")]
    [InlineData("not an etag")]
    [InlineData("")]
    public async Task IfNoneMatch_NoMatch_Is200(string condition)
    {
        using var response = await GetAsync(condition);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
