using System.Globalization;
using System.Net;
using System.Xml.Linq;

namespace Maatwerk.OpenData.Api.Tests.Site;

/// <summary>The Atom change feed, read with an XML parser and checked against what RFC 4287 requires.</summary>
public sealed class ChangeFeedTests(ApiFactory api)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private readonly HttpClient client = api.CreateClient();

    [Theory]
    [InlineData("/feed.atom")]
    [InlineData("/feed.atom?company=nobian")]
    [InlineData("/feed.atom?phase=stopped")]
    public async Task Feed_Any_HasTheElementsRfc4287RequiresNewestFirst(string url)
    {
        var feed = await GetFeedAsync(url);

        // atom:feed: exactly one id, title and updated; an author, since entries carry none.
        Assert.Equal(Atom + "feed", feed.Name);
        foreach (var name in new[] { "id", "title", "updated" })
        {
            Assert.Single(feed.Elements(Atom + name));
        }

        Assert.NotEmpty(feed.Element(Atom + "author")!.Elements(Atom + "name"));
        Assert.Contains(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self");
        Assert.True(Uri.IsWellFormedUriString(feed.Element(Atom + "id")!.Value, UriKind.Absolute));

        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.NotEmpty(entries);
        foreach (var entry in entries)
        {
            foreach (var name in new[] { "id", "title", "updated", "summary" })
            {
                Assert.Single(entry.Elements(Atom + name));
            }

            Assert.True(Uri.IsWellFormedUriString(entry.Element(Atom + "id")!.Value, UriKind.Absolute));
            Assert.Single(entry.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "alternate");
            Assert.Contains(entry.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "related");
        }

        var updated = entries.Select(e => DateTimeOffset.Parse(e.Element(Atom + "updated")!.Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(updated.OrderDescending(), updated);
        Assert.Equal(updated.Max(), DateTimeOffset.Parse(feed.Element(Atom + "updated")!.Value, CultureInfo.InvariantCulture));
        Assert.Equal(entries.Count, entries.Select(e => e.Element(Atom + "id")!.Value).Distinct().Count());
    }

    [Fact]
    public async Task Feed_OneCompany_HasOneEntryPerDatedStatusChangeWithIdsFromTheRecordIds()
    {
        var feed = await GetFeedAsync("/feed.atom?company=nobian");
        var (_, changes) = await client.GetJsonAsync("/v1/companies/nobian/status-changes?$filter=periodStart ne null&$select=id&$orderby=periodStart desc");

        var ids = feed.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value).ToList();
        Assert.Equal(
            changes.GetProperty("value").EnumerateArray().Select(c => "/companies/nobian#" + c.GetProperty("id").GetString()),
            ids.Select(i => new Uri(i).PathAndQuery + new Uri(i).Fragment));
        var binding = feed.Elements(Atom + "entry").Single(e => e.Element(Atom + "id")!.Value.EndsWith("#nobian-2024-12-19", StringComparison.Ordinal));
        Assert.Contains("Joint Letter of Intent → Binding tailor-made agreement", binding.Element(Atom + "title")!.Value, StringComparison.Ordinal);
        Assert.Contains("day precision", binding.Element(Atom + "summary")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feed_Everything_IncludesTheProgrammeEvents()
    {
        var feed = await GetFeedAsync("/feed.atom");
        var (_, events) = await client.GetJsonAsync("/v1/programme-events/$count");

        var fromEvents = feed.Elements(Atom + "entry").Count(e => e.Element(Atom + "title")!.Value.StartsWith("Programme: ", StringComparison.Ordinal));
        Assert.Equal(events.GetInt32(), fromEvents);
    }

    [Fact]
    public async Task Feed_OnePhase_HoldsOnlyChangesIntoOrOutOfIt()
    {
        var feed = await GetFeedAsync("/feed.atom?phase=stopped");
        var (_, count) = await client.GetJsonAsync("/v1/status-changes/$count?$filter=periodStart ne null and (toPhaseId eq 'stopped' or fromPhaseId eq 'stopped')");

        Assert.Equal(count.GetInt32(), feed.Elements(Atom + "entry").Count());
        Assert.All(feed.Elements(Atom + "entry"), e => Assert.Equal("stopped", (string?)e.Element(Atom + "category")?.Attribute("term")));
    }

    [Theory]
    [InlineData("/feed.atom?company=no-such-company")]
    [InlineData("/feed.atom?phase=no-such-phase")]
    public async Task Feed_UnknownCompanyOrPhase_Is404Problem(string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task CompanyPage_LinksItsOwnFeedAsAlternate()
    {
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/companies/nobian", UriKind.Relative), TestContext.Current.CancellationToken));

        Assert.Contains("<link rel=\"alternate\" type=\"application/atom+xml\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/feed.atom?company=nobian\"", html, StringComparison.Ordinal);
    }

    private async Task<XElement> GetFeedAsync(string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Root!;
    }
}
