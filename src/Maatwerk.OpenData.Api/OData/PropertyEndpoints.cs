using System.Globalization;
using Maatwerk.OpenData.Api.Formats;
using Maatwerk.OpenData.Api.Versioning;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Query;
using Maatwerk.OpenData.Query.Model;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace Maatwerk.OpenData.Api.OData;

/// <summary>
/// One property of one record, as OData addresses it: <c>/companies/nobian/name</c> (JSON, with its
/// context) and <c>/companies/nobian/name/$value</c> (the bare value as text). The database reads
/// that one column of that one row.
/// </summary>
public static class PropertyEndpoints
{
    public static void MapPropertyEndpoints(this RouteGroupBuilder version, ResourceDefinition resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var group = version.MapGroup("/" + resource.Path).WithTags(Tag(resource)).WithMetadata(resource);

        group.MapGet("/{id}/{property}", GetProperty)
            .WithName(nameof(GetProperty) + Tag(resource))
            .WithSummary("Get one property of one record")
            .WithDescription($"One property of one record in {resource.Path}, e.g. /{resource.Path}/{{id}}/{resource.Table.Columns[1].Property}. "
                + "A property without a value gives 204 No Content. Relationships are read with $expand or their own paths.")
            .Produces<ODataPropertyValue>(StatusCodes.Status200OK, "application/json")
            .WithMetadata(new PayloadMetadata(PayloadKind.Property))
            .Produces(StatusCodes.Status204NoContent);

        group.MapGet("/{id}/{property}/$value", GetPropertyValue)
            .WithName(nameof(GetPropertyValue) + Tag(resource))
            .WithSummary("Get the bare value of one property")
            .WithDescription("The value of a single-valued property as plain text (OData's /$value); 204 when it has no value.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .Produces(StatusCodes.Status204NoContent);
    }

    public static async Task<IResult> GetProperty(string id, string property, HttpContext context, ReportingStore store, CancellationToken cancellationToken)
    {
        var (page, resource) = await ReadAsync(id, property, context, store, cancellationToken);
        return page.Rows[0].Values[0] is null
            ? TypedResults.NoContent()
            : new ODataPropertyResult(page, resource.EntitySet, id);
    }

    public static async Task<IResult> GetPropertyValue(string id, string property, HttpContext context, ReportingStore store, CancellationToken cancellationToken)
    {
        var (page, _) = await ReadAsync(id, property, context, store, cancellationToken);
        var column = page.Shape.Columns[0];
        if (column.Kind == ColumnKind.JsonArray)
        {
            throw new InvalidQueryException($"/$value is for single values; {column.Property} is a collection. Use /{property} without /$value.");
        }

        var contentType = context.GetResponseFormat().ContentType;
        return page.Rows[0].Values[0] switch
        {
            null => TypedResults.NoContent(),
            DateOnly day => TypedResults.Text(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), contentType),
            bool flag => TypedResults.Text(flag ? "true" : "false", contentType),
            var value => TypedResults.Text(Convert.ToString(value, CultureInfo.InvariantCulture), contentType),
        };
    }

    private static async Task<(QueryPage Page, ResourceDefinition Resource)> ReadAsync(
        string id, string property, HttpContext context, ReportingStore store, CancellationToken cancellationToken)
    {
        var metadata = context.GetEndpoint()!.Metadata;
        var resource = metadata.GetMetadata<ResourceDefinition>()!;
        var model = metadata.GetMetadata<ApiVersionDefinition>()!.Model;
        var option = context.Request.Query.Keys.FirstOrDefault(k => !k.TrimStart('$').Equals("format", StringComparison.OrdinalIgnoreCase));
        if (option is not null)
        {
            throw new InvalidQueryException($"{option} does not apply to a single property; only $format does.");
        }

        var set = model.EntityContainer.FindEntitySet(resource.EntitySet);
        var edmProperty = set.EntityType.FindProperty(property);
        if (edmProperty is null or IEdmNavigationProperty || resource.Table.Find(property) is null)
        {
            throw new PropertyNotFoundException(edmProperty is IEdmNavigationProperty
                ? $"'{property}' is a relationship: read it with $expand={property} on /{resource.Path}/{id}."
                : $"{resource.Path} has no property '{property}'. The properties are: {string.Join(", ", resource.Table.Columns.Select(c => c.Property))}.");
        }

        var select = new ODataQueryOptionParser(model, set.EntityType, set, new Dictionary<string, string> { ["$select"] = property }).ParseSelectAndExpand();
        var spec = new QuerySpec(resource.Table)
        {
            SelectExpand = select,
            Scope = [new ScopeCondition(resource.Table.Key.Property, id)],
            PageSize = 1,
        };
        var page = await store.QueryAsync(spec, cancellationToken);
        return page.Rows.Count == 0
            ? throw new PropertyNotFoundException(ResourceQueries.NoRecord(resource.Table, id))
            : (page, resource);
    }

    /// <summary>The OpenAPI tag of a resource's generic paths, e.g. <c>StatusChanges</c>.</summary>
    internal static string Tag(ResourceDefinition resource) =>
        string.Concat(resource.Path.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}

/// <summary>A property or record that is not there: 404 with what is there instead.</summary>
public sealed class PropertyNotFoundException(string message) : Exception(message);

/// <summary>One property of one record in the negotiated format (OData JSON): <c>{"@odata.context": ..., "value": ...}</c>.</summary>
public sealed class ODataPropertyResult(QueryPage page, string entitySet, string id) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => httpContext.GetResponseFormat().Writer.WritePropertyAsync(httpContext, page, entitySet, id);
}

/// <summary>One property of one record.</summary>
/// <param name="Context">The metadata URL of the property, e.g. <c>$metadata#companies('nobian')/name</c>.</param>
/// <param name="Value">The value: a string, number, boolean, date, or for a collection property an array.</param>
public sealed record ODataPropertyValue(
    [property: System.ComponentModel.DataAnnotations.Required, System.Text.Json.Serialization.JsonPropertyName("@odata.context")] string Context,
    [property: System.ComponentModel.DataAnnotations.Required, System.Text.Json.Serialization.JsonPropertyName("value")] System.Text.Json.JsonElement Value);
