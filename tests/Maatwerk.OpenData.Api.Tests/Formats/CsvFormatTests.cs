using System.Net;
using System.Text;
using System.Text.Json;

namespace Maatwerk.OpenData.Api.Tests.Formats;

/// <summary>
/// CSV for any collection query: the same rows as the JSON answer, flattened by property path, with the
/// next page in a Link header, larger pages than JSON, a byte order mark on request, and a clear 400 for
/// what one line cannot hold.
/// </summary>
public sealed class CsvFormatTests(ApiFactory api)
{
    private readonly HttpClient client = api.CreateClient();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/v1/companies?$filter=sector eq 'steel' or sector eq 'chemicals'&$select=id,name,sector,inTop20&$orderby=name desc")]
    [InlineData("/v1/companies")]
    [InlineData("/v1/status-changes?$filter=periodStart ge 2024-01-01&$orderby=periodStart desc&$select=id,companyId,periodStart,sourceIds&$expand=company($select=name,sector)")]
    [InlineData("/v1/agreed-reductions?$top=5&$skip=1")]
    [InlineData("/v1/companies?$apply=groupby((sector),aggregate($count as companies))&$orderby=sector")]
    [InlineData("/v1/status-changes?$apply=groupby((company/sector,toPhaseId),aggregate($count as changes))")]
    [InlineData("/v1/companies('nobian')/statusChanges?$select=id,date,toPhaseId&$orderby=date")]
    [InlineData("/v1/companies/nobian/status-changes?$select=id,sourceIds")]
    [InlineData("/v1/companiesOnDate(date=2025-07-15)?$orderby=companyId&$expand=company($select=name)")]
    public async Task Csv_OfAnyCollectionQuery_HasTheJsonPropertyPathsAsHeaderAndEveryRowEqualsTheJsonAnswer(string url)
    {
        var expected = await JsonRowsAsync(url);
        var (response, rows) = await CsvAsync(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "$format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(expected);
        Assert.Equal(expected[0].Keys, rows[0]);
        Assert.Equal(expected.Select(r => r.Values.ToList()), rows.Skip(1));
    }

    [Fact]
    public async Task AcceptTextCsv_GetsCsvAsAFileNamedAfterTheEntitySet()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/v1/sources?$select=id,title", UriKind.Relative));
        request.Headers.Add("Accept", "text/csv");
        using var response = await client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("attachment; filename=\"sources.csv\"", response.Content.Headers.ContentDisposition!.ToString());
        Assert.StartsWith("id,title\r\n", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_PagesAreLargerThanJsonPages_SoAResultOfAFewHundredRowsComesWhole()
    {
        var (all, jsonPages, _) = await client.WalkAsync("/v1/status-changes");
        var (response, rows) = await CsvAsync("/v1/status-changes?$format=csv");

        Assert.True(jsonPages > 1);
        Assert.False(response.Headers.Contains("Link"));
        Assert.Equal(all.Count, rows.Count - 1);
    }

    [Fact]
    public async Task Csv_WithASmallerMaxPageSize_LinksTheNextPageInTheLinkHeader_AndThePagesTogetherAreTheWholeResult()
    {
        const string url = "/v1/companies?$select=id,name&$orderby=name&$format=csv";
        var expected = await JsonRowsAsync("/v1/companies?$select=id,name&$orderby=name");
        var rows = new List<IReadOnlyList<string>>();
        var next = url;
        var pages = 0;
        while (next is not null)
        {
            var (response, page) = await CsvAsync(next, ("Prefer", "odata.maxpagesize=3"));
            Assert.Equal(["id", "name"], page[0]);
            Assert.True(page.Count <= 4);
            rows.AddRange(page.Skip(1));
            pages++;
            next = response.Headers.TryGetValues("Link", out var links)
                ? new Uri(links.Single().Split(';')[0].Trim('<', '>', ' ')).PathAndQuery
                : null;
            if (next is not null)
            {
                Assert.EndsWith("; rel=\"next\"", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
                Assert.Contains("$format=csv", next, StringComparison.Ordinal);
            }
        }

        Assert.True(pages > 1);
        Assert.Equal(expected.Select(r => r.Values.ToList()), rows);
    }

    [Fact]
    public async Task Csv_WithACollectionValuedExpansion_Is400ThatSaysSo()
    {
        using var response = await client.GetAsync(new Uri("/v1/companies?$expand=statusChanges&$format=csv", UriKind.Relative), Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("statusChanges", body, StringComparison.Ordinal);
        Assert.Contains("CSV", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$format=csv;bom=true", null, true)]
    [InlineData("$format=text/csv;bom=true", null, true)]
    [InlineData("$format=csv", null, false)]
    [InlineData("$format=csv;bom=false", null, false)]
    [InlineData("", "text/csv;bom=true", true)]
    [InlineData("", "text/csv", false)]
    public async Task Csv_StartsWithAUtf8ByteOrderMark_OnlyWhenAsked(string option, string? accept, bool bom)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/v1/phases?$select=id&" + option, UriKind.Relative));
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await client.SendAsync(request, Cancel);
        var bytes = await response.Content.ReadAsByteArrayAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bom, bytes.AsSpan().StartsWith((byte[])[0xEF, 0xBB, 0xBF]));
        Assert.StartsWith("id\r\n", Encoding.UTF8.GetString(bytes.AsSpan(bom ? 3 : 0)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_WithAnUnknownBomValue_Is406()
    {
        using var response = await client.GetAsync(new Uri("/v1/phases?$format=csv;bom=maybe", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Fact]
    public async Task Csv_OfOneEntity_Is406()
    {
        using var response = await client.GetAsync(new Uri("/v1/companies/nobian?$format=csv", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    private async Task<(HttpResponseMessage Response, List<IReadOnlyList<string>> Rows)> CsvAsync(string url, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await client.SendAsync(request, Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        using var reader = CsvHelper.CsvReader.Create(new StringReader(await response.Content.ReadAsStringAsync(Cancel)), null, false);
        var rows = new List<IReadOnlyList<string>> { reader.Headers!.ToList() };
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToList());
        }

        return (response, rows);
    }

    // Every row of the JSON answer, all pages, flattened; numbers as their JSON text, as CSV writes them.
    private Task<List<Dictionary<string, string>>> JsonRowsAsync(string url) => FlatJsonRows.ReadAsync(client, url, n => n.GetRawText());
}
