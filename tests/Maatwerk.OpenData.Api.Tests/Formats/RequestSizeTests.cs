using System.Net;
using System.Text.Json;
using Maatwerk.OpenData.Api.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Maatwerk.OpenData.Api.Tests.Formats;

/// <summary>An oversized URL or header block is a 414 or 431 problem, like every other error, not a bare answer of the web server.</summary>
public sealed class RequestSizeTests(ApiFactory api)
{
    [Fact]
    public async Task Url_BeyondTheLimit_Is414Problem()
    {
        var url = "/v1/companies/" + new string('a', RequestSizeLimits.MaxUrlLength);
        var (response, body) = await api.CreateClient().GetJsonAsync(url);

        ApiJson.AssertProblem(response, body, 414);
        Assert.Contains(RequestSizeLimits.MaxUrlLength.ToString(System.Globalization.CultureInfo.InvariantCulture), body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headers_BeyondTheLimit_Are431Problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/v1/companies", UriKind.Relative));
        request.Headers.Add("X-Padding", new string('a', RequestSizeLimits.MaxHeadersLength));
        using var response = await api.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        ApiJson.AssertProblem(response, body.RootElement, 431);
    }

    [Fact]
    public async Task Url_WithinTheLimit_IsServed()
    {
        using var response = await api.CreateClient().GetAsync(new Uri("/v1/companies?$select=id&x=" + new string('a', 4000), UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void WebServerLimits_LieAboveTheServices_SoTheServiceAnswers()
    {
        var limits = api.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.True(limits.MaxRequestLineSize > RequestSizeLimits.MaxUrlLength + "GET  HTTP/1.1\r\n".Length);
        Assert.True(limits.MaxRequestHeadersTotalSize > RequestSizeLimits.MaxHeadersLength * 2);
    }
}
