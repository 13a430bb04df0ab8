using System.Net;
using System.Xml.Linq;

namespace Maatwerk.OpenData.Api.Tests.Site;

/// <summary>The SVG charts: well-formed, accessible, carrying source and licence, and drawn from the API's numbers.</summary>
public sealed class ChartTests(ApiFactory api)
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private readonly HttpClient client = api.CreateClient();

    [Theory]
    [InlineData("/charts/companies-per-phase.svg")]
    [InlineData("/charts/companies-per-phase.svg?date=2024-06-30")]
    [InlineData("/charts/status-changes.svg")]
    [InlineData("/charts/agreed-reductions.svg")]
    public async Task Chart_Any_IsAnAccessibleSvgWithItsSourceAndLicence(string url)
    {
        var svg = await GetChartAsync(url);

        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.False(string.IsNullOrWhiteSpace(svg.Element(Svg + "title")?.Value));
        Assert.False(string.IsNullOrWhiteSpace(svg.Element(Svg + "desc")?.Value));
        Assert.NotNull(svg.Attribute("viewBox"));
        var text = string.Join(" ", svg.Descendants(Svg + "text").Select(t => t.Value));
        Assert.Contains("CC0 1.0", text, StringComparison.Ordinal);
        Assert.Contains("GET /v1/", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/charts/companies-per-phase.svg", "/v1/companies?$apply=groupby((currentPhaseId),aggregate($count as companies))", "currentPhaseId")]
    [InlineData("/charts/companies-per-phase.svg?date=2025-07-15", "/v1/companiesOnDate(date=2025-07-15)?$apply=groupby((phaseId),aggregate($count as companies))", "phaseId")]
    public async Task PhaseChart_Bars_AreTheApiCounts(string url, string apiQuery, string property)
    {
        var svg = await GetChartAsync(url);
        var (_, body) = await client.GetJsonAsync(apiQuery);
        var (_, phases) = await client.GetJsonAsync("/v1/phases?$select=id,nameEn");

        var names = phases.GetProperty("value").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!, p => p.GetProperty("nameEn").GetString()!);
        var desc = svg.Element(Svg + "desc")!.Value;
        foreach (var group in body.GetProperty("value").EnumerateArray())
        {
            var phase = group.GetProperty(property).GetString();
            var label = phase is null ? "Not in the programme" : names[phase];
            Assert.Contains($"{label} {group.GetProperty("companies").GetInt32()}", desc, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Chart_BadDate_Is400Problem()
    {
        var response = await client.GetAsync(new Uri("/charts/companies-per-phase.svg?date=soon", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<XElement> GetChartAsync(string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Root!;
    }
}
