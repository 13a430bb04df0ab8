using System.Globalization;
using Maatwerk.OpenData.Api.OData;
using Microsoft.AspNetCore.Mvc;
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
internal sealed class ODataOperationFilter(IOptions<QueryLimits> limits) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var queryOptions = context.MethodInfo?.GetParameters()
            .FirstOrDefault(p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(ODataQueryOptions<>));
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var single = metadata.OfType<ODataEntityResponseMetadata>().Any();

        operation.Parameters ??= [];
        if (queryOptions is not null)
        {
            RemoveExplorerGuess(operation, queryOptions.Name);
            foreach (var parameter in single ? [Select()] : CollectionOptions())
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

    private IEnumerable<OpenApiParameter> CollectionOptions()
    {
        var limit = limits.Value;
        yield return Query("$filter", JsonSchemaType.String,
            "Keeps the rows for which the condition holds: eq ne gt ge lt le, and or not, in, contains/startswith/endswith, "
            + "comparisons with null. Strings compare case-sensitively. Example: currentPhaseId eq 'jloi'.");
        yield return Query("$orderby", JsonSchemaType.String,
            "Sort keys, comma-separated, each optionally followed by asc or desc; the id always ends the order. Example: name desc.");
        yield return Query("$top", JsonSchemaType.Integer,
            $"The number of rows wanted in all (at most {limit.MaxTop.ToString(CultureInfo.InvariantCulture)}). "
            + $"A response holds at most {limit.PageSize.ToString(CultureInfo.InvariantCulture)} rows; follow @odata.nextLink for the rest.",
            minimum: 0, maximum: limit.MaxTop);
        yield return Query("$skip", JsonSchemaType.Integer,
            $"The number of rows to skip (at most {limit.MaxSkip.ToString(CultureInfo.InvariantCulture)}).", minimum: 0, maximum: limit.MaxSkip);
        yield return Query("$count", JsonSchemaType.Boolean, "true adds @odata.count: the number of rows matching $filter, over all pages.");
        yield return Select();
    }

    private static OpenApiParameter Select() => Query("$select", JsonSchemaType.String,
        "The properties to return, comma-separated. Example: id,name,currentPhaseId.");

    private static OpenApiParameter Query(string name, JsonSchemaType type, string description, int? minimum = null, int? maximum = null) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Description = description,
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
        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        operation.Responses ??= [];
        var problems = new List<(int Status, string Description)>();
        if (takesQuery)
        {
            problems.Add((400, "The query is invalid (unknown property, bad syntax, a limit exceeded)."));
        }

        if (hasId)
        {
            problems.Add((404, "No record has this id."));
        }

        if (takesQuery)
        {
            problems.Add((406, "The requested format is not available."));
            problems.Add((501, "The query uses an OData feature this service does not implement."));
        }

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
