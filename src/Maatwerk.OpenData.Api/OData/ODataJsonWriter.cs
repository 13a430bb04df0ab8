using System.Globalization;
using System.Text.Json;
using Maatwerk.OpenData.Api.Versioning;
using Maatwerk.OpenData.Data;
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

    public static async Task WriteCollectionAsync(HttpContext context, QueryPage page, string entitySet, IReadOnlyList<ColumnMap> allColumns)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(page);
        Prepare(context);
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteString("@odata.context", ContextUrl(context, entitySet, page.Columns, allColumns, entity: false));
        if (page.Count is { } count)
        {
            json.WriteNumber("@odata.count", count);
        }

        json.WriteStartArray("value");
        foreach (var row in page.Rows)
        {
            WriteRow(json, page.Columns, row, context: null);
        }

        json.WriteEndArray();
        if (page.HasNext)
        {
            json.WriteString("@odata.nextLink", NextLink(context.Request, page));
        }

        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    public static async Task WriteEntityAsync(HttpContext context, QueryPage page, string entitySet, IReadOnlyList<ColumnMap> allColumns)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(page);
        Prepare(context);
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
        WriteRow(json, page.Columns, page.Rows[0], ContextUrl(context, entitySet, page.Columns, allColumns, entity: true));
        await json.FlushAsync(context.RequestAborted);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
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

    private static void Prepare(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ContentType;
        context.Response.Headers["OData-Version"] = "4.0";
    }

    private static void WriteRow(Utf8JsonWriter json, IReadOnlyList<ColumnMap> columns, object?[] row, string? context)
    {
        json.WriteStartObject();
        if (context is not null)
        {
            json.WriteString("@odata.context", context);
        }

        for (var i = 0; i < columns.Count; i++)
        {
            json.WritePropertyName(columns[i].Property);
            switch (row[i])
            {
                case null:
                    json.WriteNullValue();
                    break;
                case string s when columns[i].Kind == ColumnKind.JsonArray:
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
                case decimal m:
                    json.WriteNumberValue(m);
                    break;
                case DateOnly d:
                    json.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    break;
                default:
                    throw new InvalidOperationException($"No JSON form for {row[i]!.GetType().Name} in '{columns[i].Property}'.");
            }
        }

        json.WriteEndObject();
    }

    private static string ContextUrl(HttpContext context, string entitySet, IReadOnlyList<ColumnMap> selected, IReadOnlyList<ColumnMap> all, bool entity)
    {
        var select = selected.Count == all.Count ? string.Empty : $"({string.Join(",", selected.Select(c => c.Property))})";
        return $"{ServiceRoot(context)}$metadata#{entitySet}{select}{(entity ? "/$entity" : string.Empty)}";
    }

    private static string NextLink(HttpRequest request, QueryPage page)
    {
        var (skip, top) = page.Page.Next();
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(p => !IsOption(p.Key, "skip") && !IsOption(p.Key, "top"))
            .ToList();
        query.Add(new("$skip", skip.ToString(CultureInfo.InvariantCulture)));
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
