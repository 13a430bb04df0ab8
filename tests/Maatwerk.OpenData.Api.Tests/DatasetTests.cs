using System.Text.Json;

namespace Maatwerk.OpenData.Api.Tests;

/// <summary>The dataset description: licences, counts that match the tables, the programme figures, citations and DCAT.</summary>
public sealed class DatasetTests(ApiFactory api)
{
    private readonly HttpClient client = api.CreateClient();

    [Fact]
    public async Task Dataset_Described_CountsEveryTableAsTheCollectionsDo()
    {
        var (response, body) = await client.GetJsonAsync("/v1/dataset");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("CC0-1.0", body.GetProperty("license").GetProperty("id").GetString());
        Assert.Equal("EUPL-1.2", body.GetProperty("softwareLicense").GetProperty("id").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetProperty("nl").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("description").GetProperty("en").GetString()));
        var records = body.GetProperty("records");
        foreach (var (table, path) in new[] { ("company", "companies"), ("status_change", "status-changes"), ("programme_event", "programme-events"), ("source", "sources") })
        {
            var count = await client.GetStringAsync(new Uri($"/v1/{path}/$count", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), records.GetProperty(table).GetInt32());
        }

        Assert.Equal("2021-12-01", body.GetProperty("temporalCoverage").GetProperty("from").GetString());
        var (_, latest) = await client.GetJsonAsync("/v1/status-changes?$orderby=periodStart desc&$top=1&$select=date");
        Assert.Equal(latest.GetProperty("value")[0].GetProperty("date").GetString(), body.GetProperty("latestChange").GetString());
    }

    [Fact]
    public async Task Dataset_ProgrammeFigures_NameTwelveKnownCompaniesOfThirteenWithTheirSources()
    {
        var (_, body) = await client.GetJsonAsync("/v1/dataset");
        var eop = body.GetProperty("programmeFigures").GetProperty("expressionsOfPrinciples");

        Assert.Equal(13, eop.GetProperty("officialCount").GetInt32());
        Assert.Equal("2025-06-30", eop.GetProperty("asOf").GetString());
        var identified = eop.GetProperty("companiesIdentified").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(12, identified.Count);
        Assert.Equal(13, identified.Count + eop.GetProperty("companiesUnidentified").GetInt32());
        var (companies, _, _) = await client.WalkAsync($"/v1/companies?$filter=id in ({string.Join(',', identified.Select(i => $"'{i}'"))})&$select=id");
        Assert.Equal(identified.Order(StringComparer.Ordinal), companies.Ids().Order(StringComparer.Ordinal));
        foreach (var source in eop.GetProperty("sourceIds").EnumerateArray())
        {
            var (found, _) = await client.GetJsonAsync($"/v1/sources/{source.GetString()}");
            Assert.Equal(200, (int)found.StatusCode);
        }
    }

    [Fact]
    public async Task Dataset_Citation_NamesTheReleaseInTextBibtexAndCslJson()
    {
        var (_, body) = await client.GetJsonAsync("/v1/dataset");
        var release = body.GetProperty("currentRelease");
        var version = release.GetProperty("version").GetString()!;
        var citation = body.GetProperty("citation");

        Assert.Contains($"(Version {version})", citation.GetProperty("text").GetString(), StringComparison.Ordinal);
        var bibtex = citation.GetProperty("bibtex").GetString()!;
        Assert.Matches(@"^@misc\{maatwerk_\d{4}_\d{2}_\d+,\n", bibtex);
        Assert.Contains($"version = {{{version}}}", bibtex, StringComparison.Ordinal);
        Assert.Equal(bibtex.Count(c => c == '{'), bibtex.Count(c => c == '}'));
        var csl = citation.GetProperty("cslJson");
        Assert.Equal("dataset", csl.GetProperty("type").GetString());
        Assert.Equal(version, csl.GetProperty("version").GetString());
        Assert.Equal(release.GetProperty("download").GetString(), csl.GetProperty("URL").GetString());
        var date = release.GetProperty("date").GetString()!;
        Assert.Equal(date, string.Join('-', csl.GetProperty("issued").GetProperty("date-parts")[0].EnumerateArray().Select((p, i) => p.GetInt32().ToString(i == 0 ? "0000" : "00", System.Globalization.CultureInfo.InvariantCulture))));
    }

    // DCAT-AP 3.0 mandatory properties, and those DCAT-AP-NL 3.0 adds for data.overheid.nl.
    private static readonly string[] DatasetProperties =
        ["dct:title", "dct:description", "dct:identifier", "dct:publisher", "dcat:contactPoint", "dcat:theme", "dct:language", "dct:license", "dct:modified", "dct:accessRights", "dcat:distribution"];

    private static readonly string[] DistributionProperties = ["dcat:accessURL", "dct:license", "dcat:mediaType"];

    [Fact]
    public async Task DatasetDcat_JsonLd_HasTheRequiredDcatApPropertiesForDatasetAndEveryDistribution()
    {
        var response = await client.GetAsync(new Uri("/v1/dataset/dcat", UriKind.Relative), TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var dataset = document.RootElement;

        Assert.Equal("application/ld+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("dcat:Dataset", dataset.GetProperty("@type").GetString());
        Assert.Equal("http://www.w3.org/ns/dcat#", dataset.GetProperty("@context").GetProperty("dcat").GetString());
        Assert.All(DatasetProperties, p => Assert.True(dataset.TryGetProperty(p, out var v) && v.ValueKind != JsonValueKind.Null, $"Dataset lacks {p}"));
        Assert.Equal(["en", "nl"], dataset.GetProperty("dct:title").EnumerateArray().Select(t => t.GetProperty("@language").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal("https://creativecommons.org/publicdomain/zero/1.0/", dataset.GetProperty("dct:license").GetProperty("@id").GetString());
        var distributions = dataset.GetProperty("dcat:distribution").EnumerateArray().ToList();
        foreach (var distribution in distributions)
        {
            Assert.Equal("dcat:Distribution", distribution.GetProperty("@type").GetString());
            Assert.All(DistributionProperties, p => Assert.True(distribution.TryGetProperty(p, out _), $"{distribution.GetProperty("dct:title")} lacks {p}"));
            Assert.StartsWith("http", distribution.GetProperty("dcat:accessURL").GetProperty("@id").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(
            ["application/atom+xml", "application/json", "application/vnd.sqlite3", "application/zip", "text/csv"],
            distributions.Select(d => d.GetProperty("dcat:mediaType").GetProperty("@id").GetString()!.Split("media-types/")[1]).Order(StringComparer.Ordinal));
    }
}
