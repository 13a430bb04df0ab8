using System.Globalization;
using System.Text.Json.Nodes;
using Maatwerk.OpenData.Api.Errors;
using Maatwerk.OpenData.Api.Formats;
using Maatwerk.OpenData.Api.OData;
using Maatwerk.OpenData.Api.Versioning;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Maatwerk.OpenData.Api.OpenApi;

/// <summary>
/// Documents what the API explorer cannot see: the <c>$</c> query options an <see cref="ODataQueryOptions{T}"/>
/// parameter accepts (with their limits), the <c>@odata.context</c> of single-entity responses, and the
/// problem responses every operation can give.
/// </summary>
internal sealed class ODataOperationFilter(IOptions<QueryLimits> limits, IEnumerable<ApiVersionDefinition> versions, ResponseFormats formats) : IOperationFilter
{
    private readonly IReadOnlyList<ResourceDefinition> resources = versions.Resources();

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var queryOptions = context.MethodInfo?.GetParameters()
            .FirstOrDefault(p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(ODataQueryOptions<>));
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var single = metadata.OfType<ODataEntityResponseMetadata>().Any();
        var countOnly = metadata.OfType<IProducesResponseTypeMetadata>().Any(p => p.ContentTypes.Contains("text/plain"));

        // The rows' resource gives the query examples; the resource the path starts with gives the id's.
        var rowResource = queryOptions is null ? null : resources.FirstOrDefault(r => r.ContractType == queryOptions.ParameterType.GetGenericArguments()[0]);
        var segments = (context.ApiDescription.RelativePath ?? string.Empty).Split('/');
        var routed = resources.FirstOrDefault(r => segments.Length > 1 && segments[1] == r.Path);

        operation.Parameters ??= [];
        foreach (var key in operation.Parameters.OfType<OpenApiParameter>().Where(p => p is { Name: "id", In: ParameterLocation.Path, Description: null }))
        {
            key.Description = "The record's stable id, as in its `id` property.";
            key.Example = routed is null ? null : JsonValue.Create(routed.Examples.Id);
        }

        // The parameter of a function such as companiesOnDate(date=2024-06-30).
        foreach (var day in operation.Parameters.OfType<OpenApiParameter>().Where(p => p is { Name: "date", In: ParameterLocation.Path, Description: null }))
        {
            day.Description = "The day, as an OData date literal (yyyy-mm-dd); the answer is the state at the end of that day.";
            day.Example = JsonValue.Create("2024-06-30");
            day.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" };
        }

        if (metadata.OfType<ResourceDefinition>().LastOrDefault() is { } resource)
        {
            foreach (var name in operation.Parameters.OfType<OpenApiParameter>().Where(p => p is { Name: "property", In: ParameterLocation.Path }))
            {
                name.Description = "A property of the record, named as in $metadata.";
                name.Example = JsonValue.Create(resource.Table.Columns[1].Property);
                name.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = resource.Table.Columns.Select(c => (System.Text.Json.Nodes.JsonNode)c.Property).ToList(),
                };
            }
        }

        if (queryOptions is not null)
        {
            RemoveExplorerGuess(operation, queryOptions.Name);
            // A relationship holds some of the target's rows: examples that narrow the rows further may leave none.
            var related = metadata.OfType<NavigationPathMetadata>().Any();
            var examples = related && rowResource is not null ? rowResource.Examples with { Filter = null } : rowResource?.Examples;
            foreach (var parameter in single ? [Select(examples), Expand(examples)] : countOnly ? [Filter(examples)] : CollectionOptions(examples, related))
            {
                operation.Parameters.Add(parameter);
            }
        }

        if (single && operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content?.TryGetValue("application/json", out var found) == true
            && found is OpenApiMediaType media && media.Schema is { } entity)
        {
            media.Schema = new OpenApiSchema
            {
                AllOf = [entity, new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["@odata.context"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The metadata URL of this response." },
                    },
                }],
            };
        }

        if (queryOptions is not null && !single && !countOnly
            && operation.Responses?.TryGetValue("200", out var page) == true && page.Content?.TryGetValue("application/json", out var pageContent) == true
            && pageContent is OpenApiMediaType pageMedia && pageMedia.Schema is { } rows)
        {
            // With $apply the rows are groups and aggregates rather than records.
            pageMedia.Schema = new OpenApiSchema
            {
                AnyOf = [rows, context.SchemaGenerator.GenerateSchema(typeof(ODataAggregatePage), context.SchemaRepository)],
            };

            // The download formats (CSV, Excel) of the same rows, as registered.
            foreach (var download in formats.Offered(PayloadKind.Collection).Where(f => f.Download))
            {
                page.Content[download.MediaType] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Format = download.Charset is null ? "binary" : null,
                        Description = $"The same rows as {download.MediaType} ($format={download.Token}"
                            + (download.ByteOrderMarkOption ? "; bom=true adds a UTF-8 byte order mark" : string.Empty) + "): "
                            + (download.Charset is null
                                ? "a sheet with a header row of the JSON property names, nested ones by path (company.name), lists as JSON text, typed cells (dates, numbers, booleans); "
                                    + "a second sheet with the release, the suggested citation, the licence and the query URL; "
                                : "a header row of the JSON property names, nested ones by path (company.name), lists as JSON text; ")
                            + $"at most {limits.Value.DownloadPageSize.ToString(CultureInfo.InvariantCulture)} rows per response, the next page in the Link header (rel=\"next\").",
                    },
                };
            }
        }

        AddProblems(operation, context, queryOptions is not null, hasId: context.ApiDescription.ParameterDescriptions.Any(p => p.Name == "id"));
    }

    private static void RemoveExplorerGuess(OpenApiOperation operation, string? name)
    {
        var guess = operation.Parameters!.Where(p => p.Name == name).ToList();
        foreach (var parameter in guess)
        {
            operation.Parameters!.Remove(parameter);
        }

        operation.RequestBody = null;
    }

    private IEnumerable<OpenApiParameter> CollectionOptions(QueryExamples? examples, bool related)
    {
        var limit = limits.Value;
        yield return Filter(examples);
        yield return Query("$orderby", JsonSchemaType.String,
            "Sort keys, comma-separated, each optionally followed by asc or desc; the id always ends the order.", examples?.OrderBy);
        yield return Query("$top", JsonSchemaType.Integer,
            $"The number of rows wanted in all (at most {limit.MaxTop.ToString(CultureInfo.InvariantCulture)}). "
            + $"A response holds at most {limit.PageSize.ToString(CultureInfo.InvariantCulture)} rows; follow @odata.nextLink for the rest.",
            JsonValue.Create(10), minimum: 0, maximum: limit.MaxTop);
        yield return Query("$skip", JsonSchemaType.Integer,
            $"The number of rows to skip (at most {limit.MaxSkip.ToString(CultureInfo.InvariantCulture)}).", related ? null : JsonValue.Create(2), minimum: 0, maximum: limit.MaxSkip);
        yield return Query("$count", JsonSchemaType.Boolean, "true adds @odata.count: the number of rows matching $filter, over all pages.", JsonValue.Create(true));
        yield return Select(examples);
        yield return Expand(examples);
        yield return Query("$apply", JsonSchemaType.String,
            "Groups and aggregates in the database (OData Data Aggregation): filter(...), groupby((properties),aggregate(...)), "
            + $"aggregate(x with sum|min|max|average|countdistinct as alias, $count as alias); at most {limit.MaxApplySteps.ToString(CultureInfo.InvariantCulture)} steps.",
            examples?.Apply);
        yield return Query("$format", JsonSchemaType.String,
            "The response format, instead of the Accept header: json (the default) or "
            + string.Join(", ", formats.Offered(PayloadKind.Collection).Where(f => f.Download).Select(f => f.Token))
            + " (add ;bom=true to csv for a UTF-8 byte order mark, which Excel needs to read UTF-8 text).");
        yield return Query("$skiptoken", JsonSchemaType.String,
            "Where the next page starts; comes from @odata.nextLink, not to be written by hand.");
    }

    private OpenApiParameter Filter(QueryExamples? examples) => Query("$filter", JsonSchemaType.String,
        "Keeps the rows for which the condition holds: eq ne gt ge lt le, and or not, in, add sub mul div mod, "
        + "contains startswith endswith tolower toupper trim concat length indexof substring, year month day, "
        + $"paths through relationships (company/sector), any/all (nested up to {limits.Value.MaxAnyAllDepth.ToString(CultureInfo.InvariantCulture)} deep), "
        + $"relationship/$count; at most {limits.Value.MaxNodeCount.ToString(CultureInfo.InvariantCulture)} nodes. Strings compare case-sensitively.",
        examples?.Filter);

    private OpenApiParameter Expand(QueryExamples? examples) => Query("$expand", JsonSchemaType.String,
        $"Related records to include, with nested $select, $filter, $orderby, $top, $skip, $count and $expand (at most {limits.Value.MaxExpansionDepth.ToString(CultureInfo.InvariantCulture)} levels, "
        + $"{limits.Value.MaxExpansionBreadth.ToString(CultureInfo.InvariantCulture)} relationships per level).", examples?.Expand);

    private static OpenApiParameter Select(QueryExamples? examples) => Query("$select", JsonSchemaType.String,
        "The properties to return, comma-separated; for `sites`, also its members: sites($select=province).", examples?.Select);

    private static OpenApiParameter Query(string name, JsonSchemaType type, string description, string? example) =>
        Query(name, type, description, example is null ? null : JsonValue.Create(example));

    private static OpenApiParameter Query(string name, JsonSchemaType type, string description, JsonNode? example = null, int? minimum = null, int? maximum = null) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Description = description,
        Example = example,
        Required = false,
        Schema = new OpenApiSchema
        {
            Type = type,
            Minimum = minimum?.ToString(CultureInfo.InvariantCulture),
            Maximum = maximum?.ToString(CultureInfo.InvariantCulture),
        },
    };

    private static void AddProblems(OpenApiOperation operation, OperationFilterContext context, bool takesQuery, bool hasId)
    {
        var problem = context.SchemaGenerator.GenerateSchema(typeof(Problem), context.SchemaRepository);
        operation.Responses ??= [];
        var hasProperty = context.ApiDescription.ParameterDescriptions.Any(p => p.Name == "property");
        var problems = new List<(int Status, string Description)>
        {
            (400, takesQuery
                ? "The query is invalid (unknown property, bad syntax, a limit exceeded), or an OData header is (OData-MaxVersion below 4.0)."
                : "A query option or an OData header is invalid (OData-MaxVersion below 4.0)."),
        };
        if (hasId)
        {
            problems.Add((404, hasProperty ? "No record has this id, or the record has no such property." : "No record has this id."));
        }

        problems.Add((406, "The requested format (Accept or $format) is not available."));
        problems.Add((412, "Snapshot isolation (Isolation or OData-Isolation header) was asked for; it is not offered."));
        if (takesQuery)
        {
            problems.Add((501, "The query uses an OData feature this service does not implement."));
        }

        problems.Add((429, "Too many requests from this address; wait as the Retry-After header says."));
        problems.Add((500, "The request failed on the server."));
        foreach (var (status, description) in problems)
        {
            operation.Responses[status.ToString(CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    ["application/problem+json"] = new OpenApiMediaType { Schema = problem },
                },
            };
        }
    }
}
