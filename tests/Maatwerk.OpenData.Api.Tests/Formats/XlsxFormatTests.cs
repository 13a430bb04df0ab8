using System.Globalization;
using System.Net;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace Maatwerk.OpenData.Api.Tests.Formats;

/// <summary>
/// Excel for any collection query, read back with the Open XML SDK: the same header and rows as the JSON
/// answer, typed cells (dates as numbers with a date format, numbers as numbers, booleans as booleans), an
/// About sheet with the release, citation, licence and query URL, and the same paging and refusals as CSV.
/// </summary>
public sealed class XlsxFormatTests(ApiFactory api)
{
    private const string MediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private readonly HttpClient client = api.CreateClient();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/v1/companies")]
    [InlineData("/v1/companies?$filter=sector eq 'steel' or sector eq 'chemicals'&$select=id,name,sector,inTop20&$orderby=name desc")]
    [InlineData("/v1/status-changes?$filter=periodStart ge 2024-01-01&$orderby=periodStart desc&$select=id,companyId,periodStart,sourceIds&$expand=company($select=name,sector)")]
    [InlineData("/v1/agreed-reductions")]
    [InlineData("/v1/companies?$apply=groupby((sector),aggregate($count as companies))&$orderby=sector")]
    [InlineData("/v1/companiesOnDate(date=2025-07-15)?$orderby=companyId&$expand=company($select=name)")]
    public async Task Xlsx_OfAnyCollectionQuery_HasTheJsonPropertyPathsAsHeaderAndEveryRowEqualsTheJsonAnswer(string url)
    {
        var expected = await JsonRowsAsync(url);
        var (_, workbook) = await XlsxAsync(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "$format=xlsx");

        Assert.NotEmpty(expected);
        Assert.Equal(expected[0].Keys, workbook.Data[0].Select(c => c.Text));
        Assert.Equal(expected.Count, workbook.Data.Count - 1);
        Assert.Equal(expected.Select(r => r.Values.ToList()), workbook.Data.Skip(1).Select(r => r.Select(c => c.Text).ToList()));
    }

    [Fact]
    public async Task Xlsx_CellsAreTyped_DatesAreNumbersWithADateFormat_NumbersAreNumbers_BooleansAreBooleans_TextIsInline()
    {
        var (_, dates) = await XlsxAsync("/v1/status-changes?$select=id,periodStart,sourceIds&$orderby=id&$top=3&$format=xlsx");
        var (_, numbers) = await XlsxAsync("/v1/agreed-reductions?$select=id,amount&$filter=amount ne null&$top=3&$format=xlsx");
        var (_, booleans) = await XlsxAsync("/v1/companies?$select=id,inTop20&$filter=inTop20 ne null&$top=3&$format=xlsx");

        Assert.All(dates.Data.Skip(1), row =>
        {
            Assert.Equal(CellKind.Text, row[0].Kind);
            Assert.Equal(CellKind.Date, row[1].Kind);
            Assert.Equal(CellKind.Text, row[2].Kind);
            Assert.StartsWith("[", row[2].Text, StringComparison.Ordinal);
        });
        Assert.All(numbers.Data.Skip(1), row => Assert.Equal(CellKind.Number, row[1].Kind));
        Assert.All(booleans.Data.Skip(1), row => Assert.Equal(CellKind.Boolean, row[1].Kind));
        Assert.All(dates.Data[0], header => Assert.True(header.Kind == CellKind.Text && header.Bold));
    }

    [Fact]
    public async Task Xlsx_IsAValidWorkbook_WithAFrozenHeaderAndAnAboutSheetThatCitesTheRelease()
    {
        const string query = "/v1/companies?$select=id,name&$filter=sector eq 'steel'&$format=xlsx";
        var (response, workbook) = await XlsxAsync(query);
        var (_, dataset) = await client.GetJsonAsync("/v1/dataset");
        var about = workbook.About.ToDictionary(r => r[0].Text, r => r[1].Text);

        Assert.Equal("attachment; filename=\"companies.xlsx\"", response.Content.Headers.ContentDisposition!.ToString());
        Assert.Equal(response.Content.Headers.ContentLength, workbook.Length);
        Assert.Equal(["companies", "About"], workbook.SheetNames);
        Assert.True(workbook.FrozenHeader);
        Assert.Empty(workbook.ValidationErrors);
        Assert.Equal(dataset.GetProperty("currentRelease").GetProperty("version").GetString(), about["Release"]);
        Assert.Equal(dataset.GetProperty("citation").GetProperty("text").GetString(), about["Citation"]);
        Assert.Equal(dataset.GetProperty("title").GetProperty("en").GetString(), about["Dataset"]);
        Assert.Contains("CC0-1.0", about["Licence"], StringComparison.Ordinal);
        Assert.Equal((workbook.Data.Count - 1).ToString(CultureInfo.InvariantCulture), about["Rows"]);
        Assert.Equal(client.BaseAddress + query.TrimStart('/'), Uri.UnescapeDataString(about["Query"]));
    }

    [Fact]
    public async Task AcceptXlsx_GetsAWorkbook_AndHeadHasItsHeadersWithoutABody()
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, new Uri("/v1/phases", UriKind.Relative));
        get.Headers.Add("Accept", MediaType);
        using var head = new HttpRequestMessage(HttpMethod.Head, new Uri("/v1/phases", UriKind.Relative));
        head.Headers.Add("Accept", MediaType);

        using var got = await client.SendAsync(get, Cancel);
        using var headed = await client.SendAsync(head, Cancel);

        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        Assert.Equal(MediaType, got.Content.Headers.ContentType!.ToString());
        Assert.Equal(HttpStatusCode.OK, headed.StatusCode);
        Assert.Equal(MediaType, headed.Content.Headers.ContentType!.ToString());
        Assert.Empty(await headed.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Fact]
    public async Task Xlsx_WithASmallerMaxPageSize_LinksTheNextPage_AndThePagesTogetherAreTheWholeResult()
    {
        var expected = await JsonRowsAsync("/v1/companies?$select=id,name&$orderby=name");
        var rows = new List<List<string>>();
        string? next = "/v1/companies?$select=id,name&$orderby=name&$format=xlsx";
        var pages = 0;
        while (next is not null)
        {
            var (response, workbook) = await XlsxAsync(next, ("Prefer", "odata.maxpagesize=4"));
            Assert.True(workbook.Data.Count <= 5);
            rows.AddRange(workbook.Data.Skip(1).Select(r => r.Select(c => c.Text).ToList()));
            pages++;
            next = response.Headers.TryGetValues("Link", out var links) ? new Uri(links.Single().Split(';')[0].Trim('<', '>', ' ')).PathAndQuery : null;
        }

        Assert.True(pages > 1);
        Assert.Equal(expected.Select(r => r.Values.ToList()), rows);
    }

    [Theory]
    [InlineData("/v1/companies?$expand=statusChanges&$format=xlsx", HttpStatusCode.BadRequest)]
    [InlineData("/v1/companies/nobian?$format=xlsx", HttpStatusCode.NotAcceptable)]
    [InlineData("/v1/companies?$format=xlsx;bom=true", HttpStatusCode.OK)]
    [InlineData("/v1/$metadata?$format=xlsx", HttpStatusCode.NotAcceptable)]
    public async Task Xlsx_WhereOneSheetCannotHoldTheAnswer_IsAProblem(string url, HttpStatusCode status)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(status, response.StatusCode);
        if (status == HttpStatusCode.BadRequest)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("statusChanges", body, StringComparison.Ordinal);
            Assert.Contains("Excel", body, StringComparison.Ordinal);
        }
    }

    private async Task<(HttpResponseMessage Response, Workbook Workbook)> XlsxAsync(string url, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await client.SendAsync(request, Cancel);
        var bytes = await response.Content.ReadAsByteArrayAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, System.Text.Encoding.UTF8.GetString(bytes));
        Assert.Equal(MediaType, response.Content.Headers.ContentType!.MediaType);
        return (response, Workbook.Read(bytes));
    }

    // Every row of the JSON answer, all pages, flattened; numbers as the invariant decimal, as a number cell reads back.
    private Task<List<Dictionary<string, string>>> JsonRowsAsync(string url) => FlatJsonRows.ReadAsync(client, url, n => n.GetDecimal().ToString(CultureInfo.InvariantCulture));

    private enum CellKind
    {
        Empty,
        Text,
        Number,
        Date,
        Boolean,
    }

    private sealed record ReadCell(CellKind Kind, string Text, bool Bold);

    private sealed record Workbook(long Length, IReadOnlyList<string> SheetNames, List<List<ReadCell>> Data, List<List<ReadCell>> About, bool FrozenHeader, IReadOnlyList<string> ValidationErrors)
    {
        public static Workbook Read(byte[] bytes)
        {
            using var stream = new MemoryStream(bytes);
            using var document = SpreadsheetDocument.Open(stream, isEditable: false);
            var part = document.WorkbookPart!;
            var sheets = part.Workbook.Sheets!.Elements<Sheet>().ToList();
            var formats = part.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
            var fonts = part.WorkbookStylesPart.Stylesheet.Fonts!.Elements<Font>().ToList();
            var dateFormats = part.WorkbookStylesPart.Stylesheet.NumberingFormats?.Elements<NumberingFormat>()
                .Where(f => f.FormatCode!.Value!.Contains("yy", StringComparison.Ordinal)).Select(f => f.NumberFormatId!.Value).ToHashSet() ?? [];
            List<List<ReadCell>> Rows(Sheet sheet) => ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()!
                .Elements<Row>().Select(r => r.Elements<Cell>().Select(c => Read(c, formats, fonts, dateFormats)).ToList()).ToList();
            var first = (WorksheetPart)part.GetPartById(sheets[0].Id!);
            var pane = first.Worksheet.GetFirstChild<SheetViews>()?.GetFirstChild<SheetView>()?.GetFirstChild<Pane>();
            var errors = new OpenXmlValidator().Validate(document).Select(e => e.Description ?? string.Empty).ToList();
            return new Workbook(bytes.Length, sheets.Select(s => s.Name!.Value!).ToList(), Rows(sheets[0]), Rows(sheets[1]),
                pane?.State?.Value == PaneStateValues.Frozen && pane.VerticalSplit?.Value == 1, errors);
        }

        private static ReadCell Read(Cell cell, List<CellFormat> formats, List<Font> fonts, HashSet<uint> dateFormats)
        {
            var format = cell.StyleIndex is { } index ? formats[(int)index.Value] : null;
            var bold = format?.FontId is { } font && fonts[(int)font.Value].Bold is not null;
            var value = cell.CellValue?.Text;
            if (cell.DataType?.Value == CellValues.InlineString)
            {
                return new ReadCell(CellKind.Text, cell.InlineString!.Text!.Text, bold);
            }

            if (value is null)
            {
                return new ReadCell(CellKind.Empty, string.Empty, bold);
            }

            if (cell.DataType?.Value == CellValues.Boolean)
            {
                return new ReadCell(CellKind.Boolean, value == "1" ? "true" : "false", bold);
            }

            var number = double.Parse(value, CultureInfo.InvariantCulture);
            return format?.NumberFormatId is { } id && dateFormats.Contains(id.Value)
                ? new ReadCell(CellKind.Date, DateTime.FromOADate(number).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), bold)
                : new ReadCell(CellKind.Number, decimal.Parse(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), bold);
        }
    }
}
