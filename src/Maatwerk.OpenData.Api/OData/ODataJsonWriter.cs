using System.Globalization;
using System.Text.Json;
using Maatwerk.OpenData.Api.Formats;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Query;
using Maatwerk.OpenData.Query.Model;
using Microsoft.OData.Edm;

namespace Maatwerk.OpenData.Api.OData;

/// <summary>
/// Writes OData JSON straight from query rows with <see cref="Utf8JsonWriter"/>, at the metadata level
/// and number form the request negotiated (<see cref="ResponseFormat"/>; OData JSON Format 4.01,
/// sections 3 and 4.5): minimal gives the context URL, counts and next links; full adds each entity's
/// type, id, read link and navigation links and the type of every property JSON cannot tell; none keeps
/// only counts and next links. With IEEE754Compatible=true, Edm.Decimal and Edm.Int64 values (counts
/// included) are strings. Links come from <see cref="ODataLinks"/>. Property names are the allow-list's
/// camelCase names, so they equal the EDM's and the ones a client uses in <c>$filter</c>.
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
        ArgumentNullException.ThrowIfNull(page);
        return WriteAsync(context, payload =>
        {
            payload.Json.WriteStartObject();
            payload.Context(() => ODataLinks.Context(context, entitySet, page.Shape, entity: false));
            if (page.Count is { } count)
            {
                payload.Count("@odata.count", count);
            }

            payload.Json.WriteStartArray("value");
            foreach (var row in page.Rows)
            {
                payload.Entity(page.Shape, row, context: null);
            }

            payload.Json.WriteEndArray();
            if (page.HasNext)
            {
                payload.Json.WriteString("@odata.nextLink", ODataLinks.NextLink(context, page));
            }

            payload.Json.WriteEndObject();
        });
    }

    public Task WriteEntityAsync(HttpContext context, QueryPage page, string entitySet)
    {
        ArgumentNullException.ThrowIfNull(page);
        return WriteAsync(context, payload => payload.Entity(page.Shape, page.Rows[0], () => ODataLinks.Context(context, entitySet, page.Shape, entity: true)));
    }

    /// <summary>Writes one property of one record: <c>{"@odata.context": "...#companies('nobian')/name", "value": ...}</c>.</summary>
    public Task WritePropertyAsync(HttpContext context, QueryPage page, string entitySet, string id)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(id);
        var column = page.Shape.Columns[0];
        return WriteAsync(context, payload =>
        {
            payload.Json.WriteStartObject();
            payload.Context(() => ODataLinks.PropertyContext(context, entitySet, id, column.Property));
            payload.Json.WritePropertyName("value");
            payload.Value(column, page.Rows[0].Values[0]);
            payload.Json.WriteEndObject();
        });
    }

    /// <summary>Writes grouped and aggregated rows: grouping paths (company/sector) become nested objects.</summary>
    public Task WriteAggregatesAsync(HttpContext context, AggregatePage page, string entitySet)
    {
        ArgumentNullException.ThrowIfNull(page);
        return WriteAsync(context, payload =>
        {
            payload.Json.WriteStartObject();
            payload.Context(() => ODataLinks.AggregateContext(context, entitySet, page.Columns.Select(c => c.Path[0]).Distinct()));
            if (page.Count is { } count)
            {
                payload.Count("@odata.count", count);
            }

            payload.Json.WriteStartArray("value");
            foreach (var row in page.Rows)
            {
                payload.Nested(page.Columns.Select((c, i) => (c.Path, Column: new ColumnMap(c.Path[^1], c.Path[^1], c.Kind, Nullable: false), Value: row[i])).ToList(), depth: 0);
            }

            payload.Json.WriteEndArray();
            if (page.HasNext)
            {
                payload.Json.WriteString("@odata.nextLink", ODataLinks.SkipLink(context, page.Page));
            }

            payload.Json.WriteEndObject();
        });
    }

    // A 200 in the negotiated OData JSON media type, written straight to the response body.
    private static async Task WriteAsync(HttpContext context, Action<Payload> write)
    {
        ArgumentNullException.ThrowIfNull(context);
        var format = context.GetResponseFormat();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = format.ContentType;
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
        write(new Payload(context, format, json));
        await json.FlushAsync(context.RequestAborted);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    // One response being written: what the negotiated level and number form put in it.
    private sealed class Payload(HttpContext http, ResponseFormat format, Utf8JsonWriter json)
    {
        private readonly bool full = format.Metadata == MetadataLevel.Full;

        private readonly IEdmModel? model = format.Metadata == MetadataLevel.Full ? ODataLinks.Version(http).Model : null;

        public Utf8JsonWriter Json => json;

        public void Context(Func<string> url)
        {
            if (format.Metadata != MetadataLevel.None)
            {
                json.WriteString("@odata.context", url());
            }
        }

        public void Count(string name, long count)
        {
            if (format.Ieee754Compatible)
            {
                json.WriteString(name, count.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                json.WriteNumber(name, count);
            }
        }

        public void Entity(RowShape shape, ResultRow row, Func<string>? context)
        {
            json.WriteStartObject();
            if (context is not null)
            {
                Context(context);
            }

            var type = model?.EntityContainer.FindEntitySet(shape.Entity.EntitySet)?.EntityType;
            string? readLink = null;
            if (full && type is not null && row.Values[shape.IndexOf(shape.Entity.Key.Column)] is string id)
            {
                readLink = ODataLinks.ReadLink(http, shape.Entity.EntitySet, id);
                json.WriteString("@odata.type", "#" + type.FullName());
                json.WriteString("@odata.id", ODataLinks.EntityId(http, shape.Entity.EntitySet, id));
                json.WriteString("@odata.readLink", readLink);
            }

            for (var i = 0; i < shape.Columns.Count; i++)
            {
                var column = shape.Columns[i];
                if (type?.FindProperty(column.Property)?.Type is { } edmType && TypeAnnotation(edmType) is { } annotation)
                {
                    json.WriteString(column.Property + "@odata.type", annotation);
                }

                json.WritePropertyName(column.Property);
                Value(column, row.Values[i]);
            }

            // A property's annotations come right before it (JSON Format 4.0, section 20.2): an expanded
            // navigation property gets its navigation link where its value is written.
            if (readLink is not null)
            {
                foreach (var navigation in type!.NavigationProperties().Where(n => !shape.Expansions.Any(e => e.Navigation.Property == n.Name)))
                {
                    NavigationLink(readLink, navigation.Name);
                }
            }

            foreach (var expansion in shape.Expansions)
            {
                Expanded(expansion, row.Expanded[expansion], readLink);
            }

            json.WriteEndObject();
        }

        private void NavigationLink(string readLink, string navigation) =>
            json.WriteString(navigation + "@odata.navigationLink", $"{readLink}/{navigation}");

        private void Expanded(Expansion expansion, ExpandedRows expanded, string? readLink)
        {
            var name = expansion.Navigation.Property;
            if (readLink is not null)
            {
                NavigationLink(readLink, name);
            }

            if (!expansion.Navigation.IsCollection)
            {
                json.WritePropertyName(name);
                if (expanded.Rows is [var single])
                {
                    Entity(expansion.Shape, single, context: null);
                }
                else
                {
                    json.WriteNullValue();
                }

                return;
            }

            if (expansion.Count)
            {
                Count(name + "@odata.count", expanded.Count);
            }

            json.WriteStartArray(name);
            foreach (var child in expanded.Rows)
            {
                Entity(expansion.Shape, child, context: null);
            }

            json.WriteEndArray();
        }

        public void Nested(List<(IReadOnlyList<string> Path, ColumnMap Column, object? Value)> values, int depth)
        {
            json.WriteStartObject();
            foreach (var group in values.GroupBy(v => v.Path[depth]))
            {
                json.WritePropertyName(group.Key);
                var members = group.ToList();
                if (members is [var leaf] && leaf.Path.Count == depth + 1)
                {
                    Value(leaf.Column, leaf.Value);
                }
                else
                {
                    Nested(members, depth + 1);
                }
            }

            json.WriteEndObject();
        }

        public void Value(ColumnMap column, object? value)
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
                case long l when format.Ieee754Compatible:
                    json.WriteStringValue(l.ToString(CultureInfo.InvariantCulture));
                    break;
                case long l:
                    json.WriteNumberValue(l);
                    break;
                case decimal m when format.Ieee754Compatible:
                    json.WriteStringValue(m.ToString(CultureInfo.InvariantCulture));
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

        // Full metadata names the type of every value JSON cannot tell apart: all but strings and booleans
        // (4.01 JSON, section 4.5.3); built-in types without the Edm prefix: #Decimal, #Collection(String).
        private static string? TypeAnnotation(IEdmTypeReference type)
        {
            var name = type.FullName();
            if (name is "Edm.String" or "Edm.Boolean")
            {
                return null;
            }

            return "#" + name.Replace("Edm.", string.Empty, StringComparison.Ordinal);
        }
    }
}
