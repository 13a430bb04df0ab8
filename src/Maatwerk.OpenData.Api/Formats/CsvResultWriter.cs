using Maatwerk.OpenData.Data.Catalogue;

namespace Maatwerk.OpenData.Api.Formats;

/// <summary>
/// Writes a page of a collection, or of grouped and aggregated rows (<c>$apply</c>), as CSV
/// (<c>text/csv; charset=utf-8</c>, RFC 4180) with <see cref="CsvValues"/>, the one CSV writer of the
/// service: a header row of the JSON property names, then one line per row, written row by row. Columns,
/// flattening, paging and file name as every download format (<see cref="DownloadResultWriter"/>);
/// <c>bom=true</c> starts the file with a UTF-8 byte order mark for Excel.
/// </summary>
public sealed class CsvResultWriter : DownloadResultWriter
{
    /// <summary>The one instance, registered as the writer of <see cref="ResponseFormatSetup.Csv"/>.</summary>
    public static readonly CsvResultWriter Instance = new();

    private static readonly byte[] Utf8ByteOrderMark = [0xEF, 0xBB, 0xBF];

    private CsvResultWriter()
        : base("CSV", "csv")
    {
    }

    protected override async Task WriteBodyAsync(HttpContext context, string entitySet, IReadOnlyList<DownloadColumn> columns, IAsyncEnumerable<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetResponseFormat().ByteOrderMark)
        {
            await context.Response.Body.WriteAsync(Utf8ByteOrderMark, context.RequestAborted);
        }

        await CsvValues.WriteAsync(context.Response.Body, rows, columns.Select(c => (c.Header, c.Kind)).ToList(), context.RequestAborted);
    }
}
