using System.Net;
using System.Text.RegularExpressions;
using Maatwerk.OpenData.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Maatwerk.OpenData.Api.Tests.Contract;

/// <summary>
/// Clients can see the rate limit: every counted answer carries <c>RateLimit-Policy</c> and
/// <c>RateLimit</c> (IETF httpapi draft, structured fields), answers from the output cache count and
/// carry the client's own figures, and exempt paths neither count nor carry the fields.
/// </summary>
public sealed partial class RateLimitHeaderTests(ApiFactory api)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private WebApplicationFactory<Program> Limited(int permits, bool cached = false) =>
        api.WithWebHostBuilder(b => b
            .UseSetting("RateLimit:PermitsPerMinute", permits.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting("OutputCache:Enabled", cached ? "true" : "false"));

    private static (int Remaining, int Reset) Figures(HttpResponseMessage response)
    {
        var match = Field().Match(Assert.Single(response.Headers.GetValues("RateLimit")));
        Assert.True(match.Success, "RateLimit: \"per-address\";r=<n>;t=<n>");
        return (int.Parse(match.Groups["r"].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(match.Groups["t"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task EveryCountedAnswer_CarriesThePolicyAndWhatRemains()
    {
        await using var factory = Limited(5);
        var client = factory.CreateClient();

        var responses = new List<HttpResponseMessage>();
        foreach (var url in new[] { "/v1/phases", "/v1/companies/nobian", "/v1/companies/no-such-company", "/companies" })
        {
            responses.Add(await client.GetAsync(new Uri(url, UriKind.Relative), Cancel));
        }

        Assert.All(responses, r => Assert.Equal("\"per-address\";q=5;w=60", Assert.Single(r.Headers.GetValues("RateLimit-Policy"))));
        Assert.Equal([4, 3, 2, 1], responses.Select(r => Figures(r).Remaining));
        Assert.All(responses, r => Assert.InRange(Figures(r).Reset, 1, 60));
        Assert.Equal(HttpStatusCode.NotFound, responses[2].StatusCode);
    }

    [Fact]
    public async Task AnswersFromTheCache_CountAndCarryTheClientsOwnFigures_UntilA429WithRetryAfter()
    {
        using var sql = new SqlCapture();
        await using var factory = Limited(3, cached: true);
        var client = factory.CreateClient();
        const string Url = "/v1/companies?$filter=name ne 'probe-rate-limit'";

        var answers = new List<HttpResponseMessage> { await client.GetAsync(new Uri(Url, UriKind.Relative), Cancel) };
        var afterFirst = sql.WithParameter("probe-rate-limit").Count;
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await client.GetAsync(new Uri(Url, UriKind.Relative), Cancel));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers.Select(a => a.StatusCode));
        Assert.Equal([2, 1, 0, 0], answers.Select(a => Figures(a).Remaining));
        Assert.NotNull(answers[1].Headers.Age);
        Assert.Equal(afterFirst, sql.WithParameter("probe-rate-limit").Count);
        Assert.InRange(answers[3].Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal("\"per-address\";q=3;w=60", Assert.Single(answers[3].Headers.GetValues("RateLimit-Policy")));
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/docs/index.html")]
    [InlineData("/v1/openapi.json")]
    [InlineData("/site.css")]
    public async Task ExemptPath_NeitherCountsNorCarriesTheFields(string url)
    {
        await using var factory = Limited(2);
        var client = factory.CreateClient();

        var exempt = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            exempt.Add(await client.GetAsync(new Uri(url, UriKind.Relative), Cancel));
        }

        using var counted = await client.GetAsync(new Uri("/v1/phases", UriKind.Relative), Cancel);

        Assert.All(exempt, r => Assert.True(r.IsSuccessStatusCode, $"{url}: {(int)r.StatusCode}"));
        Assert.All(exempt, r => Assert.False(r.Headers.Contains("RateLimit") || r.Headers.Contains("RateLimit-Policy")));
        Assert.Equal(1, Figures(counted).Remaining);
    }

    [Fact]
    public async Task LimitOff_NoFields()
    {
        await using var factory = Limited(0);

        using var response = await factory.CreateClient().GetAsync(new Uri("/v1/phases", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("RateLimit"));
        Assert.False(response.Headers.Contains("RateLimit-Policy"));
    }

    [GeneratedRegex("^\"per-address\";r=(?<r>[0-9]+);t=(?<t>[0-9]+)$")]
    private static partial Regex Field();
}
