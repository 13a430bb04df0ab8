using System.Globalization;
using System.Text.Json;
using Maatwerk.OpenData.Api.Formats;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Query;
using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Api.OData;

/// <summary>
/// Writes OData JSON (minimal metadata) straight from query rows with <see cref="Utf8JsonWriter"/>:
/// the context URL, the count, the values and the next link, with links from <see cref="ODataLinks"/>
/// and the Content-Type of the negotiated <see cref="ResponseFormat"/>. Property names are the
/// allow-list's camelCase names, so they equal the EDM's and the ones a client uses in <c>$filter</c>.
/// </summary>
public sealed class ODataJsonWriter : IResultWriter
{
    /// <summary>The one instance, registered as the writer of <see cref="ResponseFormatSetup.ODataJson"/>.</summary>
    public static readonly ODataJsonWriter Instance = new();

    private ODataJsonWriter()
    {
    }

    public Task WriteCollectionAsync(HttpContext context, QueryPage page, string entitySet)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(page);
        return WriteAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteString("@odata.context", ODataLinks.Context(context, entitySet, page.Shape, entity: false));
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
                json.WriteString("@odata.nextLink", ODataLinks.NextLink(context, page));
            }

            json.WriteEndObject();
        });
    }

    public Task WriteEntityAsync(HttpContext context, QueryPage page, string entitySet)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(page);
        return WriteAsync(context, json => WriteRow(json, page.Shape, page.Rows[0], ODataLinks.Context(context, entitySet, page.Shape, entity: true)));
    }

    /// <summary>Writes one property of one record: <c>{"@odata.context": "...#companies('nobian')/name", "value": ...}</c>.</summary>
    public Task WritePropertyAsync(HttpContext context, QueryPage page, string entitySet, string id)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(id);
        var column = page.Shape.Columns[0];
        return WriteAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteString("@odata.context", ODataLinks.PropertyContext(context, entitySet, id, column.Property));
            json.WritePropertyName("value");
            WriteValue(json, column, page.Rows[0].Values[0]);
            json.WriteEndObject();
        });
    }

    /// <summary>Writes grouped and aggregated rows: grouping paths (company/sector) become nested objects.</summary>
    public Task WriteAggregatesAsync(HttpContext context, AggregatePage page, string entitySet)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(page);
        return WriteAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteString("@odata.context", ODataLinks.AggregateContext(context, entitySet, page.Columns.Select(c => c.Path[0]).Distinct()));
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
                json.WriteString("@odata.nextLink", ODataLinks.SkipLink(context, page.Page));
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

    // A 200 in the OData JSON media type, written straight to the response body.
    private static async Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = context.GetResponseFormat().ContentType;
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
}
