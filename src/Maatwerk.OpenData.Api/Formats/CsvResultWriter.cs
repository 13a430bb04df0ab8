using System.Runtime.CompilerServices;
using Maatwerk.OpenData.Api.OData;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Data.Catalogue;
using Maatwerk.OpenData.Query;
using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Api.Formats;

/// <summary>
/// Writes a page of a collection, or of grouped and aggregated rows (<c>$apply</c>), as CSV
/// (<c>text/csv; charset=utf-8</c>, RFC 4180) with <see cref="CsvValues"/>, the one CSV writer of the
/// service: a header row of the JSON property names, then one line per row, written row by row.
/// Single-valued expansions become columns named by their path (<c>company.name</c>); a row without the
/// related entity leaves them empty. A collection-valued expansion cannot be one line and is refused with
/// 400. List properties (<c>sourceIds</c>, <c>sites</c>) hold the JSON text of the array, exactly as in the
/// JSON answer (<c>["a","b"]</c>). The next page, if any, is in the <c>Link</c> header (<c>rel="next"</c>),
/// the same URL as <c>@odata.nextLink</c>; <c>$count</c> does not change the body. The file is offered as
/// <c>{entitySet}.csv</c> (<c>Content-Disposition: attachment</c>); <c>bom=true</c> starts it with a UTF-8
/// byte order mark for Excel.
/// </summary>
public sealed class CsvResultWriter : IResultWriter
{
    /// <summary>The one instance, registered as the writer of <see cref="ResponseFormatSetup.Csv"/>.</summary>
    public static readonly CsvResultWriter Instance = new();

    private static readonly byte[] Utf8ByteOrderMark = [0xEF, 0xBB, 0xBF];

    private CsvResultWriter()
    {
    }

    /// <exception cref="InvalidQueryException"><c>$expand</c> names a collection-valued navigation property.</exception>
    public Task WriteCollectionAsync(HttpContext context, QueryPage page, string entitySet)
    {
        ArgumentNullException.ThrowIfNull(page);
        var columns = new List<(string Header, ColumnKind Kind)>();
        Flatten(page.Shape, prefix: string.Empty, columns);
        return WriteAsync(context, entitySet, columns, Enumerate(page.Rows.Select(row => Values(page.Shape, row))), page.HasNext ? () => ODataLinks.NextLink(context, page) : null);
    }

    public Task WriteAggregatesAsync(HttpContext context, AggregatePage page, string entitySet)
    {
        ArgumentNullException.ThrowIfNull(page);
        var columns = page.Columns.Select(c => (string.Join('.', c.Path), c.Kind)).ToList();
        return WriteAsync(context, entitySet, columns, Enumerate(page.Rows), page.HasNext ? () => ODataLinks.SkipLink(context, page.Page) : null);
    }

    /// <exception cref="NotSupportedException">Always: CSV is offered for collections only (<see cref="PayloadKind.Collection"/>).</exception>
    public Task WriteEntityAsync(HttpContext context, QueryPage page, string entitySet) =>
        throw new NotSupportedException("CSV is offered for collections only.");

    /// <exception cref="NotSupportedException">Always: CSV is offered for collections only (<see cref="PayloadKind.Collection"/>).</exception>
    public Task WritePropertyAsync(HttpContext context, QueryPage page, string entitySet, string id) =>
        throw new NotSupportedException("CSV is offered for collections only.");

    private static async Task WriteAsync(
        HttpContext context, string entitySet, IReadOnlyList<(string Header, ColumnKind Kind)> columns, IAsyncEnumerable<object?[]> rows, Func<string>? next)
    {
        ArgumentNullException.ThrowIfNull(context);
        var format = context.GetResponseFormat();
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = format.ContentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{entitySet}.csv\"";
        if (next is not null)
        {
            response.Headers.Link = $"<{next()}>; rel=\"next\"";
        }

        if (format.ByteOrderMark)
        {
            await response.Body.WriteAsync(Utf8ByteOrderMark, context.RequestAborted);
        }

        await CsvValues.WriteAsync(response.Body, rows, columns, context.RequestAborted);
    }

    // The header of every written column: selected properties, then single-valued expansions by path.
    private static void Flatten(RowShape shape, string prefix, List<(string Header, ColumnKind Kind)> columns)
    {
        columns.AddRange(shape.Columns.Select(c => (prefix + c.Property, c.Kind)));
        foreach (var expansion in shape.Expansions)
        {
            var name = prefix + expansion.Navigation.Property;
            if (expansion.Navigation.IsCollection)
            {
                throw new InvalidQueryException(
                    $"$expand={name} holds many rows per row, which CSV cannot put on one line. In CSV, expand only relationships to one entity "
                    + $"(they become columns such as {name}.id), or ask for the related collection itself as CSV.");
            }

            Flatten(expansion.Shape, name + ".", columns);
        }
    }

    // A row's values in the order of Flatten's headers; an absent related entity gives empty values.
    private static object?[] Values(RowShape shape, ResultRow row)
    {
        var values = new List<object?>();
        Values(shape, row, values);
        return [.. values];
    }

    private static void Values(RowShape shape, ResultRow? row, List<object?> values)
    {
        for (var i = 0; i < shape.Columns.Count; i++)
        {
            values.Add(row?.Values[i]);
        }

        foreach (var expansion in shape.Expansions)
        {
            Values(expansion.Shape, row?.Expanded[expansion].Rows is [var single] ? single : null, values);
        }
    }

    private static async IAsyncEnumerable<object?[]> Enumerate(IEnumerable<object?[]> rows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask;
    }
}
