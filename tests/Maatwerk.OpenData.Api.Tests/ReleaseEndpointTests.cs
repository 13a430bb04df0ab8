namespace Maatwerk.OpenData.Api.Tests;

/// <summary>The releases list and the immutable per-release downloads.</summary>
public sealed class ReleaseEndpointTests(ApiFactory api)
{
    private readonly HttpClient client = api.CreateClient();

    [Fact]
    public async Task Releases_Listed_LinkTheServedReleasesDownload()
    {
        var (response, body) = await client.GetJsonAsync("/v1/releases");

        Assert.Equal(200, (int)response.StatusCode);
        var current = Assert.Single(body.GetProperty("value").EnumerateArray(), r => r.GetProperty("isCurrent").GetBoolean());
        var version = current.GetProperty("version").GetString();
        Assert.Equal($"http://localhost/v1/releases/{version}/download", current.GetProperty("download").GetString());
        Assert.Equal($"http://localhost/v1/releases/{version}/database", current.GetProperty("database").GetString());
        Assert.Contains(current.GetProperty("tables").EnumerateArray(), t => t.GetProperty("table").GetString() == "programme_event" && t.GetProperty("rows").GetInt32() == 18);
    }

    [Theory]
    [InlineData("download", "application/zip")]
    [InlineData("database", "application/vnd.sqlite3")]
    public async Task ReleaseDownload_ByVersion_IsImmutableWithAStrongETagAndTheSameBytes(string kind, string mediaType)
    {
        var (_, dataset) = await client.GetJsonAsync("/v1/dataset");
        var release = dataset.GetProperty("currentRelease");
        var url = new Uri($"/v1/releases/{release.GetProperty("version").GetString()}/{kind}", UriKind.Relative);

        var first = await client.GetAsync(url, TestContext.Current.CancellationToken);
        var second = await client.GetAsync(url, TestContext.Current.CancellationToken);
        var current = await client.GetAsync(new Uri(kind == "download" ? "/v1/download" : "/v1/download/database", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal(mediaType, first.Content.Headers.ContentType?.MediaType);
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.Equal("public, max-age=31536000, immutable", first.Headers.CacheControl!.ToString());
        var bytes = await first.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal($"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))}\"", etag.Tag);
        Assert.Equal(bytes.Length, first.Content.Headers.ContentLength);
        Assert.Equal(bytes, await second.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(bytes, await current.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, url);
        revalidate.Headers.IfNoneMatch.Add(etag);
        var notModified = await client.SendAsync(revalidate, TestContext.Current.CancellationToken);
        Assert.Equal(304, (int)notModified.StatusCode);
    }

    [Fact]
    public async Task ReleaseDownload_UnknownVersion_Is404Problem()
    {
        var (response, body) = await client.GetJsonAsync("/v1/releases/1999.01.1/download");

        ApiJson.AssertProblem(response, body, 404);
        Assert.Contains("1999.01.1", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
