using System.Net;
using System.Text.RegularExpressions;

namespace Maatwerk.OpenData.Api.Tests.Site;

/// <summary>The server-rendered pages: their structure, their numbers against the API, languages, errors and caching.</summary>
public sealed partial class PageTests(ApiFactory api)
{
    private readonly HttpClient client = api.CreateClient();

    [Theory]
    [InlineData("/")]
    [InlineData("/nl")]
    [InlineData("/companies/nobian")]
    [InlineData("/nl/companies/dow-benelux")]
    [InlineData("/phases/eop")]
    [InlineData("/sources")]
    [InlineData("/on-date?date=2024-06-30")]
    [InlineData("/nl/on-date?date=2025-07-15")]
    public async Task Page_Any_IsHtmlWithOneH1AndAStrictPolicy(string path)
    {
        var (response, html) = await GetPageAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Single(H1().Matches(html));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_CompaniesPerPhase_EqualsTheApiAggregate()
    {
        var (_, html) = await GetPageAsync("/");
        var (_, body) = await client.GetJsonAsync("/v1/companies?$apply=groupby((currentPhaseId),aggregate($count as companies))");
        var expected = body.GetProperty("value").EnumerateArray()
            .Where(r => r.GetProperty("currentPhaseId").ValueKind == System.Text.Json.JsonValueKind.String)
            .ToDictionary(r => r.GetProperty("currentPhaseId").GetString()!, r => r.GetProperty("companies").GetInt32());

        var shown = PhaseCount().Matches(html).ToDictionary(m => m.Groups["phase"].Value, m => int.Parse(m.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(8, shown.Count);
        foreach (var (phase, count) in shown)
        {
            Assert.Equal(expected.GetValueOrDefault(phase), count);
        }

        Assert.Equal(expected.Values.Sum(), shown.Values.Sum());
    }

    [Fact]
    public async Task Home_EopFigure_ShowsTheOfficialCountNextToTheIdentifiedOnes()
    {
        var (_, html) = await GetPageAsync("/");
        var (_, body) = await client.GetJsonAsync("/v1/status-changes/$count?$filter=toPhaseId eq 'eop' and kind eq 'phase-change'");

        Assert.Contains("data-official=\"eop\">13<", html, StringComparison.Ordinal);
        Assert.Contains($"data-identified=\"eop\">{body.GetRawText()}<", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/sources#s003\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompanyPage_Nobian_ShowsPhaseNowTimelineReductionsAndEverySource()
    {
        var (_, html) = await GetPageAsync("/companies/nobian");
        var (_, changes) = await client.GetJsonAsync("/v1/companies/nobian/status-changes?$select=id,sourceIds&$top=100");

        Assert.Matches("class=\"phase-now\">.*Binding tailor-made agreement", html.Replace("\n", " ", StringComparison.Ordinal));
        foreach (var change in changes.GetProperty("value").EnumerateArray())
        {
            Assert.Contains($"id=\"{change.GetProperty("id").GetString()}\"", html, StringComparison.Ordinal);
            foreach (var source in change.GetProperty("sourceIds").EnumerateArray())
            {
                Assert.Contains($"<li id=\"{source.GetString()}\">", html, StringComparison.Ordinal);
            }
        }

        Assert.Contains("Mt CO2/yr", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/v1/companies/nobian/status-changes?", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DutchPage_SaysSoAndLinksBothLanguages()
    {
        var (_, html) = await GetPageAsync("/nl/companies/nobian");

        Assert.Contains("<html lang=\"nl\">", html, StringComparison.Ordinal);
        Assert.Contains("Fase nu:", html, StringComparison.Ordinal);
        Assert.Contains("hreflang=\"en\" href=\"/companies/nobian\"", html, StringComparison.Ordinal);
        Assert.Contains("hreflang=\"nl\" href=\"/nl/companies/nobian\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnDatePage_InsideAMonthPreciseChange_ShowsTheCountsOfTheApiAndTheUncertainty()
    {
        var (_, html) = await GetPageAsync("/on-date?date=2025-07-15");
        var (_, body) = await client.GetJsonAsync("/v1/companiesOnDate(date=2025-07-15)?$apply=groupby((phaseId),aggregate($count as companies))");

        var shown = PhaseCount().Matches(html).ToDictionary(m => m.Groups["phase"].Value, m => int.Parse(m.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture));
        var expected = body.GetProperty("value").EnumerateArray()
            .ToDictionary(r => r.GetProperty("phaseId").GetString() ?? "none", r => r.GetProperty("companies").GetInt32());
        Assert.Equal(expected, shown);
        Assert.Contains("uncertain: or still On hold", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/companies/dow-benelux#dow-benelux-2025-07\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/on-date?date=30-06-2024")]
    [InlineData("/on-date")]
    public async Task OnDatePage_NoDayGiven_Is400Problem(string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/companies/no-such-company")]
    [InlineData("/nl/phases/no-such-phase")]
    public async Task Page_UnknownId_Is404Problem(string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Page_SentBackWithItsETag_Is304()
    {
        var (first, _) = await GetPageAsync("/companies/nobian");
        var etag = Assert.Single(first.Headers.GetValues("ETag"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/companies/nobian");
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);

        var second = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.StartsWith("W/\"", etag, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/companies/nobian")]
    [InlineData("/sources")]
    public async Task Page_CsvLinks_AnswerCsv(string path)
    {
        var (_, html) = await GetPageAsync(path);
        var links = CsvLink().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups["href"].Value)).ToList();

        Assert.NotEmpty(links);
        foreach (var link in links)
        {
            var response = await client.GetAsync(new Uri(link, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{link} answered {(int)response.StatusCode}");
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private async Task<(HttpResponseMessage Response, string Html)> GetPageAsync(string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        return (response, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [GeneratedRegex("href=\"(?<href>[^\"]*\\$format=csv[^\"]*)\"")]
    private static partial Regex CsvLink();

    [GeneratedRegex("<h1[ >]")]
    private static partial Regex H1();

    [GeneratedRegex("data-phase=\"(?<phase>[a-z-]+)\">(?<count>[0-9]+)<")]
    private static partial Regex PhaseCount();
}
