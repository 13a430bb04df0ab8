using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Maatwerk.OpenData.Api.Dataset;
using Maatwerk.OpenData.Api.OData;
using Maatwerk.OpenData.Api.OpenApi;
using Maatwerk.OpenData.Data.Releases;
using Maatwerk.OpenData.Query.Model;
using Microsoft.Extensions.Options;

namespace Maatwerk.OpenData.Api.Formats;

/// <summary>
/// Writes a page of a collection, or of grouped and aggregated rows (<c>$apply</c>), as an Excel workbook
/// (Office Open XML, <c>application/vnd.openxmlformats-officedocument.spreadsheetml.sheet</c>) with the Open
/// XML SDK. The first sheet, named after the entity set, has the same header and columns as the CSV
/// (<see cref="DownloadResultWriter"/>), a frozen header row, and typed cells: dates are real Excel dates
/// (the day's serial number with the number format <c>yyyy-mm-dd</c>), numbers are numbers, booleans are
/// booleans, text and lists (their JSON text) are inline strings. The second sheet, <c>About</c>, says where
/// the rows come from: the dataset title, the release version and date, the suggested citation (as
/// <c>/dataset</c> gives it), the licence, the full query URL and the number of rows.
/// </summary>
/// <remarks>
/// The worksheet is written SAX style (<see cref="OpenXmlWriter"/>), one row at a time as the rows arrive.
/// A workbook is a ZIP whose directory comes last, and the SDK writes synchronously, so it is assembled in a
/// temporary file that is deleted on close and then copied to the response asynchronously.
/// </remarks>
public sealed class XlsxResultWriter : DownloadResultWriter
{
    /// <summary>The one instance, registered as the writer of <see cref="ResponseFormatSetup.Xlsx"/>.</summary>
    public static readonly XlsxResultWriter Instance = new();

    /// <summary>The media type of an Excel workbook (.xlsx).</summary>
    public const string MediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The name of the second sheet, which describes the data sheet.</summary>
    public const string AboutSheet = "About";

    // Cell formats (cellXfs) of the stylesheet: 0 the default, 1 a date, 2 a header cell (bold).
    private const uint DateStyle = 1;
    private const uint HeaderStyle = 2;

    // The first custom number format id; 0 to 163 are Excel's built-in formats.
    private const uint DateFormatId = 164;

    // The largest sheet name Excel opens.
    private const int SheetNameLength = 31;

    private XlsxResultWriter()
        : base("Excel", "xlsx")
    {
    }

    protected override async Task WriteBodyAsync(HttpContext context, string entitySet, IReadOnlyList<DownloadColumn> columns, IAsyncEnumerable<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(columns);
        var cancellationToken = context.RequestAborted;
        var about = await AboutAsync(context, cancellationToken);
        await using var file = new FileStream(
            Path.Combine(Path.GetTempPath(), Path.GetRandomFileName()), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81_920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        using (var document = SpreadsheetDocument.Create(file, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var data = workbook.AddNewPart<WorksheetPart>();
            long written;
            using (var writer = OpenXmlWriter.Create(data))
            {
                StartSheet(writer, frozenHeader: true);
                WriteRow(writer, columns.Select(c => (object?)c.Header), columns.Select(_ => ColumnKind.String), HeaderStyle);
                written = 0;
                await foreach (var row in rows.WithCancellation(cancellationToken))
                {
                    WriteRow(writer, row.Take(columns.Count), columns.Select(c => c.Kind), style: null);
                    written++;
                }

                EndSheet(writer);
            }

            var aboutPart = workbook.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(aboutPart))
            {
                StartSheet(writer, frozenHeader: false);
                foreach (var (label, value) in about.Append(("Rows", (object)written)))
                {
                    WriteRow(writer, [label, value], [ColumnKind.String, value is long ? ColumnKind.Int32 : ColumnKind.String], style: null);
                }

                EndSheet(writer);
            }

            workbook.Workbook = new Workbook(new Sheets(
                new Sheet { Id = workbook.GetIdOfPart(data), SheetId = 1, Name = SheetName(entitySet) },
                new Sheet { Id = workbook.GetIdOfPart(aboutPart), SheetId = 2, Name = AboutSheet }));
        }

        context.Response.ContentLength = file.Length;
        file.Position = 0;
        await file.CopyToAsync(context.Response.Body, cancellationToken);
    }

    // Label and value of each line of the About sheet.
    private static async Task<List<(string Label, object Value)>> AboutAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var services = context.RequestServices;
        var (release, citation) = await DatasetEndpoints.CiteCurrentAsync(
            context, services.GetRequiredService<ReleaseStore>(), services.GetRequiredService<IOptions<OpenApiContact>>().Value, cancellationToken);
        var license = DatasetEndpoints.DataLicense;
        return
        [
            ("Dataset", DatasetEndpoints.Title.En),
            ("Dataset (nl)", DatasetEndpoints.Title.Nl),
            ("Release", release.Version),
            ("Release date", release.Date),
            ("Citation", citation.Text),
            ("Licence", $"{license.Name} ({license.Id}), {license.Url}"),
            ("Query", ODataLinks.Self(context)),
        ];
    }

    private static void StartSheet(OpenXmlWriter writer, bool frozenHeader)
    {
        writer.WriteStartElement(new Worksheet());
        if (frozenHeader)
        {
            writer.WriteElement(new SheetViews(new SheetView(
                new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft })
            {
                TabSelected = true,
                WorkbookViewId = 0,
            }));
        }

        writer.WriteStartElement(new SheetData());
    }

    private static void EndSheet(OpenXmlWriter writer)
    {
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void WriteRow(OpenXmlWriter writer, IEnumerable<object?> values, IEnumerable<ColumnKind> kinds, uint? style)
    {
        writer.WriteStartElement(new Row());
        foreach (var (value, kind) in values.Zip(kinds))
        {
            if (Cell(value, kind) is { } cell)
            {
                if (style is { } index)
                {
                    cell.StyleIndex = index;
                }

                writer.WriteElement(cell);
            }
            else
            {
                // An empty cell keeps the following values in their columns.
                writer.WriteElement(new Cell());
            }
        }

        writer.WriteEndElement();
    }

    // The cell of one value: a number, a date (a number with the date style), a boolean or an inline string.
    private static Cell? Cell(object? value, ColumnKind kind) => value switch
    {
        null or DBNull => null,
        _ => kind switch
        {
            ColumnKind.Boolean => new Cell { DataType = CellValues.Boolean, CellValue = new CellValue(Convert.ToBoolean(value, CultureInfo.InvariantCulture) ? "1" : "0") },
            ColumnKind.Int32 => Number(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)),
            ColumnKind.Decimal => Number(Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)),
            ColumnKind.Double when Convert.ToDouble(value, CultureInfo.InvariantCulture) is var d && double.IsFinite(d) => Number(d.ToString("R", CultureInfo.InvariantCulture)),
            ColumnKind.Date when Day(value) is { } day => new Cell
            {
                CellValue = new CellValue(day.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture)),
                StyleIndex = DateStyle,
            },
            _ => Text(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty),
        },
    };

    private static Cell Number(string text) => new() { DataType = CellValues.Number, CellValue = new CellValue(text) };

    // Characters XML cannot hold (control characters) are left out; Excel could not show them either.
    private static Cell Text(string text) => new()
    {
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new Text(text.Any(c => !XmlConvert.IsXmlChar(c)) ? new string(text.Where(XmlConvert.IsXmlChar).ToArray()) : text)
        {
            Space = SpaceProcessingModeValues.Preserve,
        }),
    };

    private static DateOnly? Day(object value) => value switch
    {
        DateOnly day => day,
        DateTime dateTime => DateOnly.FromDateTime(dateTime),
        _ => DateOnly.TryParseExact(Convert.ToString(value, CultureInfo.InvariantCulture), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null,
    };

    private static string SheetName(string entitySet) => entitySet.Length <= SheetNameLength ? entitySet : entitySet[..SheetNameLength];

    // The smallest stylesheet Excel accepts, with a date format and a bold header.
    private static Stylesheet Styles() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = "yyyy-mm-dd" }) { Count = 1 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { NumberFormatId = DateFormatId, ApplyNumberFormat = true },
            new CellFormat { FontId = 1, ApplyFont = true })
        {
            Count = 3,
        });
}
