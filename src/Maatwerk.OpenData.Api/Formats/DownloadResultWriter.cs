using Maatwerk.OpenData.Api.OData;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Query;
using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Api.Formats;

/// <summary>
/// What the file formats for spreadsheets and scripts (CSV, Excel) share: a collection, or grouped and
/// aggregated rows (<c>$apply</c>), as one table of columns named by their JSON property path. Selected
/// properties come first, then single-valued expansions flattened by path (<c>company.name</c>; a row without
/// the related entity leaves them empty); a collection-valued expansion cannot be one row and is refused with
/// 400. List properties (<c>sourceIds</c>, <c>sites</c>) are the JSON text of the array, exactly as in the JSON
/// answer. The next page, if any, is in the <c>Link</c> header (<c>rel="next"</c>), the same URL as
/// <c>@odata.nextLink</c>; <c>$count</c> does not change the body. The file is offered as
/// <c>{entitySet}.{token}</c> (<c>Content-Disposition: attachment</c>).
/// </summary>
/// <param name="name">The format's name in error messages, e.g. <c>CSV</c>.</param>
/// <param name="extension">The file name extension, e.g. <c>csv</c>.</param>
public abstract class DownloadResultWriter(string name, string extension) : IResultWriter
{
    /// <exception cref="InvalidQueryException"><c>$expand</c> names a collection-valued navigation property.</exception>
    public Task WriteCollectionAsync(HttpContext context, QueryPage page, string entitySet)
    {
        ArgumentNullException.ThrowIfNull(page);
        var columns = new List<DownloadColumn>();
        Flatten(page.Shape, prefix: string.Empty, columns);
        return WriteAsync(context, entitySet, columns, Enumerate(page.Rows.Select(row => Values(page.Shape, row))), page.HasNext ? () => ODataLinks.NextLink(context, page) : null);
    }

    /// <summary>A page streamed from the data reader: each row is written as it is read.</summary>
    /// <exception cref="InvalidQueryException"><c>$expand</c> names a collection-valued navigation property.</exception>
    public Task WriteCollectionAsync(HttpContext context, StreamedPage page, string entitySet)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(page);
        var columns = new List<DownloadColumn>();
        Flatten(page.Shape, prefix: string.Empty, columns);
        return WriteAsync(context, entitySet, columns, Values(page.Shape, page.Rows(context.RequestAborted)),
            page.NextToken is { } token ? () => ODataLinks.NextLink(context, page.Page, token) : null);
    }

    public Task WriteAggregatesAsync(HttpContext context, AggregatePage page, string entitySet)
    {
        ArgumentNullException.ThrowIfNull(page);
        var columns = page.Columns.Select(c => new DownloadColumn(string.Join('.', c.Path), c.Kind)).ToList();
        return WriteAsync(context, entitySet, columns, Enumerate(page.Rows), page.HasNext ? () => ODataLinks.SkipLink(context, page.Page) : null);
    }

    /// <exception cref="NotSupportedException">Always: download formats are offered for collections only (<see cref="PayloadKind.Collection"/>).</exception>
    public Task WriteEntityAsync(HttpContext context, QueryPage page, string entitySet) =>
        throw new NotSupportedException($"{name} is offered for collections only.");

    /// <exception cref="NotSupportedException">Always: download formats are offered for collections only (<see cref="PayloadKind.Collection"/>).</exception>
    public Task WritePropertyAsync(HttpContext context, QueryPage page, string entitySet, string id) =>
        throw new NotSupportedException($"{name} is offered for collections only.");

    /// <summary>
    /// Writes the body: the columns, then every row as the sequence yields it (each row holds a value per
    /// column, in their order). Status, Content-Type, file name and Link header are set already.
    /// </summary>
    protected abstract Task WriteBodyAsync(HttpContext context, string entitySet, IReadOnlyList<DownloadColumn> columns, IAsyncEnumerable<object?[]> rows);

    private async Task WriteAsync(HttpContext context, string entitySet, IReadOnlyList<DownloadColumn> columns, IAsyncEnumerable<object?[]> rows, Func<string>? next)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = context.GetResponseFormat().ContentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{entitySet}.{extension}\"";
        if (next is not null)
        {
            response.Headers.Link = $"<{next()}>; rel=\"next\"";
        }

        await WriteBodyAsync(context, entitySet, columns, rows);
    }

    // The header of every written column: selected properties, then single-valued expansions by path.
    private void Flatten(RowShape shape, string prefix, List<DownloadColumn> columns)
    {
        columns.AddRange(shape.Columns.Select(c => new DownloadColumn(prefix + c.Property, c.Kind)));
        foreach (var expansion in shape.Expansions)
        {
            var path = prefix + expansion.Navigation.Property;
            if (expansion.Navigation.IsCollection)
            {
                throw new InvalidQueryException(
                    $"$expand={path} holds many rows per row, which {name} cannot put in one row. In {name}, expand only relationships to one entity "
                    + $"(they become columns such as {path}.id), or ask for the related collection itself as {name}.");
            }

            Flatten(expansion.Shape, path + ".", columns);
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

    private static async IAsyncEnumerable<object?[]> Values(RowShape shape, IAsyncEnumerable<ResultRow> rows)
    {
        await foreach (var row in rows)
        {
            yield return Values(shape, row);
        }
    }

    private static async IAsyncEnumerable<object?[]> Enumerate(IEnumerable<object?[]> rows, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask;
    }
}

/// <summary>A column of a download: its header (the JSON property path) and the kind of its values.</summary>
/// <param name="Header">The JSON property path, e.g. <c>company.name</c>.</param>
/// <param name="Kind">The kind of value, which decides its text (CSV) or cell type (Excel).</param>
public sealed record DownloadColumn(string Header, ColumnKind Kind);
