using System.Net;
using Maatwerk.OpenData.Tests.Shared;

namespace Maatwerk.OpenData.Api.Tests.Caching;

/// <summary>
/// A conditional request with the current ETag is answered 304 before any query runs (the output cache
/// is off in <see cref="ApiFactory"/>, so a statement would show), for GET and HEAD, whatever Accept
/// spelling negotiates the same format.
/// </summary>
public sealed class NotModifiedTests(ApiFactory api)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly HttpClient client = api.CreateClient();

    [Theory]
    [InlineData("/v1/companies?$filter=name ne 'probe-304-list'", "probe-304-list", "GET")]
    [InlineData("/v1/companies?$filter=name ne 'probe-304-head'", "probe-304-head", "HEAD")]
    [InlineData("/v1/companies/$count?$filter=name ne 'probe-304-count'", "probe-304-count", "GET")]
    [InlineData("/v1/companies?$filter=name ne 'probe-304-csv'&$format=csv", "probe-304-csv", "GET")]
    public async Task IfNoneMatch_CurrentETag_Is304WithoutAnyStatement(string url, string probe, string method)
    {
        using var sql = new SqlCapture();
        using var first = await SendAsync(method, url, null);
        var afterFirst = sql.WithParameter(probe).Count;

        using var again = await SendAsync(method, url, first.Headers.ETag!.ToString());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(afterFirst > 0);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(afterFirst, sql.WithParameter(probe).Count);
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
    }

    [Fact]
    public async Task IfNoneMatch_FromAnotherFormat_Is200()
    {
        using var json = await SendAsync("GET", "/v1/phases", null);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/v1/phases", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Accept", "application/json;odata.metadata=full");
        request.Headers.TryAddWithoutValidation("If-None-Match", json.Headers.ETag!.ToString());
        using var full = await client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.NotEqual(json.Headers.ETag, full.Headers.ETag);
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string url, string? ifNoneMatch)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative));
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await client.SendAsync(request, Cancel);
    }
}
