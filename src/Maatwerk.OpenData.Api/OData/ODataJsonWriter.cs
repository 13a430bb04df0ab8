using System.Globalization;
using System.Text.Json;
using Maatwerk.OpenData.Api.Versioning;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Query;
using Maatwerk.OpenData.Query.Model;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Maatwerk.OpenData.Api.OData;

/// <summary>
/// Writes OData JSON (minimal metadata) straight from query rows with <see cref="Utf8JsonWriter"/>:
/// the context URL, the count, the values and the next link. Property names are the allow-list's
/// camelCase names, so they equal the EDM's and the ones a client uses in <c>$filter</c>.
/// </summary>
public static class ODataJsonWriter
{
    public const string ContentType = "application/json; odata.metadata=minimal; odata.streaming=true";

    public static Task WriteCollectionAsync(HttpContext context, QueryPage page, string entitySet)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(page);
        return WriteAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteString("@odata.context", ContextUrl(context, entitySet, page.Shape, entity: false));
            if (page.Count is { } count)
            {
                json.WriteNumber("@odata.count", count);
            }

            json.WriteStartArray("value");
            foreach (var row in page.Rows)
            {
                WriteRow(json, page.Shape, row, context: null);
            }

            json.WriteEndArray();
            if (page.HasNext)
            {
                json.WriteString("@odata.nextLink", NextLink(context.Request, page));
            }

            json.WriteEndObject();
        });
    }

    public static Task WriteEntityAsync(HttpContext context, QueryPage page, string entitySet)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(page);
        return WriteAsync(context, json => WriteRow(json, page.Shape, page.Rows[0], ContextUrl(context, entitySet, page.Shape, entity: true)));
    }

    /// <summary>Writes one property of one record: <c>{"@odata.context": "...#companies('nobian')/name", "value": ...}</c>.</summary>
    public static Task WritePropertyAsync(HttpContext context, QueryPage page, string entitySet, string id)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(id);
        var column = page.Shape.Columns[0];
        return WriteAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteString("@odata.context", $"{ServiceRoot(context)}$metadata#{entitySet}('{id.Replace("'", "''", StringComparison.Ordinal)}')/{column.Property}");
            json.WritePropertyName("value");
            WriteValue(json, column, page.Rows[0].Values[0]);
            json.WriteEndObject();
        });
    }

    /// <summary>Writes grouped and aggregated rows: grouping paths (company/sector) become nested objects.</summary>
    public static Task WriteAggregatesAsync(HttpContext context, AggregatePage page, string entitySet)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(page);
        return WriteAsync(context, json =>
        {
            json.WriteStartObject();
            var names = page.Columns.Select(c => c.Path[0]).Distinct();
            json.WriteString("@odata.context", $"{ServiceRoot(context)}$metadata#{entitySet}({string.Join(",", names)})");
            if (page.Count is { } count)
            {
                json.WriteNumber("@odata.count", count);
            }

            json.WriteStartArray("value");
            foreach (var row in page.Rows)
            {
                WriteNested(json, page.Columns.Select((c, i) => (c.Path, Column: ColumnMap.Text(c.Path[^1], c.Path[^1]) with { Kind = c.Kind }, Value: row[i])).ToList(), depth: 0);
            }

            json.WriteEndArray();
            if (page.HasNext)
            {
                json.WriteString("@odata.nextLink", SkipLink(context.Request, page.Page));
            }

            json.WriteEndObject();
        });
    }

    private static void WriteNested(Utf8JsonWriter json, List<(IReadOnlyList<string> Path, ColumnMap Column, object? Value)> values, int depth)
    {
        json.WriteStartObject();
        foreach (var group in values.GroupBy(v => v.Path[depth]))
        {
            json.WritePropertyName(group.Key);
            var members = group.ToList();
            if (members is [var leaf] && leaf.Path.Count == depth + 1)
            {
                WriteValue(json, leaf.Column, leaf.Value);
            }
            else
            {
                WriteNested(json, members, depth + 1);
            }
        }

        json.WriteEndObject();
    }

    // Grouped results are few; their pages continue by $skip.
    private static string SkipLink(HttpRequest request, PagePlan page)
    {
        var (skip, top) = page.Next();
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(p => !IsOption(p.Key, "skip") && !IsOption(p.Key, "top"))
            .ToList();
        query.Add(new("$skip", skip.ToString(CultureInfo.InvariantCulture)));
        if (top is { } remaining)
        {
            query.Add(new("$top", remaining.ToString(CultureInfo.InvariantCulture)));
        }

        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?{string.Join("&", query.SelectMany(p => p.Value, (p, v) => $"{Escape(p.Key)}={Escape(v)}"))}";
    }

    /// <summary>The absolute base URL of the version the request is for, ending with a slash.</summary>
    public static string ServiceRoot(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var version = context.GetEndpoint()?.Metadata.GetMetadata<ApiVersionDefinition>()
            ?? throw new InvalidOperationException("The endpoint is not part of an API version group.");
        var request = context.Request;
        return $"{request.Scheme}://{request.Host}{request.PathBase}/{version.Name}/";
    }

    // A 200 in the OData JSON media type, written straight to the response body.
    private static async Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ContentType;
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
        write(json);
        await json.FlushAsync(context.RequestAborted);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    private static void WriteRow(Utf8JsonWriter json, RowShape shape, ResultRow row, string? context)
    {
        json.WriteStartObject();
        if (context is not null)
        {
            json.WriteString("@odata.context", context);
        }

        for (var i = 0; i < shape.Columns.Count; i++)
        {
            json.WritePropertyName(shape.Columns[i].Property);
            WriteValue(json, shape.Columns[i], row.Values[i]);
        }

        foreach (var expansion in shape.Expansions)
        {
            var expanded = row.Expanded[expansion];
            var name = expansion.Navigation.Property;
            if (!expansion.Navigation.IsCollection)
            {
                json.WritePropertyName(name);
                if (expanded.Rows is [var single])
                {
                    WriteRow(json, expansion.Shape, single, context: null);
                }
                else
                {
                    json.WriteNullValue();
                }

                continue;
            }

            if (expansion.Count)
            {
                json.WriteNumber(name + "@odata.count", expanded.Count);
            }

            json.WriteStartArray(name);
            foreach (var child in expanded.Rows)
            {
                WriteRow(json, expansion.Shape, child, context: null);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, ColumnMap column, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string s when column.Kind == ColumnKind.JsonArray:
                json.WriteRawValue(s, skipInputValidation: true);
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int n:
                json.WriteNumberValue(n);
                break;
            case long l:
                json.WriteNumberValue(l);
                break;
            case decimal m:
                json.WriteNumberValue(m);
                break;
            case double f:
                json.WriteNumberValue(f);
                break;
            case DateOnly d:
                json.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            default:
                throw new InvalidOperationException($"No JSON form for {value.GetType().Name} in '{column.Property}'.");
        }
    }

    private static string ContextUrl(HttpContext context, string entitySet, RowShape shape, bool entity) =>
        $"{ServiceRoot(context)}$metadata#{entitySet}{SelectList(shape)}{(entity ? "/$entity" : string.Empty)}";

    // The context URL names what the rows hold: selected properties and expanded relationships, nested.
    private static string SelectList(RowShape shape)
    {
        if (shape.AllSelected && shape.Expansions.Count == 0)
        {
            return string.Empty;
        }

        var items = (shape.AllSelected ? [] : shape.Columns.Select(c => Selected(shape, c)))
            .Concat(shape.Expansions.Select(e => e.Navigation.Property + (SelectList(e.Shape) is { Length: > 0 } nested ? nested : "()")));
        return "(" + string.Join(",", items) + ")";
    }

    // A complex collection with some of its members selected: sites(municipality,province).
    private static string Selected(RowShape shape, ColumnMap column) =>
        column.Children is { } children && shape.Entity.Find(column.Property)?.Children?.Fields.Count != children.Fields.Count
            ? $"{column.Property}({string.Join(",", children.Fields.Select(f => f.Name))})"
            : column.Property;

    // The next page starts after this page's last row (keyset paging); other options carry over.
    private static string NextLink(HttpRequest request, QueryPage page)
    {
        var (_, top) = page.Page.Next();
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(p => !IsOption(p.Key, "skip") && !IsOption(p.Key, "top") && !IsOption(p.Key, "skiptoken"))
            .ToList();
        query.Add(new("$skiptoken", page.NextToken()));
        if (top is { } remaining)
        {
            query.Add(new("$top", remaining.ToString(CultureInfo.InvariantCulture)));
        }

        var text = string.Join("&", query.SelectMany(p => p.Value, (p, v) => $"{Escape(p.Key)}={Escape(v)}"));
        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?{text}";
    }

    private static bool IsOption(string key, string name) =>
        key.TrimStart('$').Equals(name, StringComparison.OrdinalIgnoreCase);

    // '$' and ',' stay readable in links; everything else is escaped as in any query string.
    private static string Escape(string? value) =>
        Uri.EscapeDataString(value ?? string.Empty).Replace("%24", "$", StringComparison.Ordinal).Replace("%2C", ",", StringComparison.Ordinal);
}
