using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;

namespace Maatwerk.OpenData.Api.Tests.Contract;

/// <summary>Beyond the configured requests per minute a client gets 429 with Retry-After, as the document declares.</summary>
public sealed class RateLimitTests(ApiFactory api)
{
    [Fact]
    public async Task Requests_BeyondTheLimit_Get429ProblemWithRetryAfter()
    {
        using var limited = api.WithWebHostBuilder(b => b.UseSetting("RateLimit:PermitsPerMinute", "3"));
        var client = limited.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.GetAsync(new Uri("/v1/phases", UriKind.Relative), TestContext.Current.CancellationToken);
            statuses.Add(allowed.StatusCode);
        }

        using var refused = await client.GetAsync(new Uri("/v1/phases", UriKind.Relative), TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        ApiJson.AssertProblem(refused, body.RootElement, 429);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.Equal("1.2.0", Assert.Single(refused.Headers.GetValues("API-Version")));
    }
}
